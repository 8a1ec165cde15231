/**
 * The production entry point (index.html).
 */
import { mount } from './main.js';

const container = document.getElementById('root');
if (container) mount(container);
