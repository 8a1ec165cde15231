/**
 * One handler per request channel, each a one-line delegation to the app service.
 */
import type { AppService } from '../app/app-service.js';
import type { RequestChannel, RequestResults, requestChannels } from '../../../shared/ipc/ipc-contract.js';
import type { z } from 'zod';

type Input<C extends RequestChannel> = z.output<(typeof requestChannels)[C]['input']>;

export type IpcHandlers = { [C in RequestChannel]: (input: Input<C>) => Promise<RequestResults[C]> | RequestResults[C] };

export function createIpcHandlers(service: AppService): IpcHandlers {
  return {
    'app:get-state': ({ profile }) => service.state(profile),
    'app:set-profile': ({ profile }) => service.setProfile(profile),
    'auth:start-device-code': ({ profile, dropUnapprovedScopes }) => service.startDeviceCode(profile, dropUnapprovedScopes ?? false),
    'auth:start-browser': ({ profile, dropUnapprovedScopes }) => service.startBrowser(profile, dropUnapprovedScopes ?? false),
    'auth:cancel': () => service.cancelSignIn(),
    'auth:copy-code-and-open': () => service.copyCodeAndOpen(),
    'auth:probe': ({ profile }) => service.probe(profile),
    'auth:sign-out': ({ profile }) => service.signOut(profile),
    'jobs:list': () => service.jobs(),
    'jobs:run-now': ({ jobId }) => service.runNow(jobId),
    'jobs:set-enabled': ({ jobId, enabled, version }) => service.setJobEnabled(jobId, enabled, version),
    'jobs:get-source': ({ jobId }) => service.jobSource(jobId),
    'jobs:save': (input) => service.saveJob(input),
    'jobs:delete': ({ jobId, version }) => service.deleteJob(jobId, version),
    'dialog:pick-path': ({ purpose, defaultPath }) => service.pickPaths(purpose, defaultPath),
    'jobs:set-paused': ({ paused }) => service.setPaused(paused),
    'history:query': (query) => service.history(query),
    'history:get-run': ({ id }) => service.run(id),
    'settings:get': () => service.settings(),
    'settings:check-scopes': ({ scopes }) => service.checkScopes(scopes),
    'settings:save-profile': ({ name, create, changes }) => service.saveProfile(name, create, changes),
    'settings:remove-profile': ({ name }) => service.removeProfile(name),
    'settings:set-default-profile': ({ name }) => service.setDefaultProfile(name),
    'settings:set-launch-at-login': ({ enabled }) => service.setLaunchAtLogin(enabled),
    'settings:check-setup': ({ profile }) => service.checkSetup(profile),
    'settings:open-logs-folder': () => service.openLogsFolder(),
    'settings:write-evidence': ({ profile, all }) => service.writeEvidence(profile, all ?? false),
  };
}
