/**
 * The development harness's entry (dev.html, never in the production bundle): stands in for the preload by
 * putting a fake `window.delegate` in place, then mounts the real app over it.
 *
 * Query parameters choose a scenario (see fake-api.ts); `window.delegateFake` lets a test push events.
 */
import { mount } from '../main.js';
import { createFakeApi } from './fake-api.js';
import { mountScheduleBuilderDev } from './schedule-builder-dev.js';

const params = new URLSearchParams(window.location.search);
const fake = createFakeApi(params);
Object.assign(window, { delegate: fake.api, delegateFake: fake.control });
if (params.get('bridge') === 'none') Object.assign(window, { delegate: undefined });

const container = document.getElementById('root');
if (container && params.get('component') === 'schedule-builder') mountScheduleBuilderDev(container, params);
else if (container) mount(container);
