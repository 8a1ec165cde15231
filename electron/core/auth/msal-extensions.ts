/**
 * msal-node-extensions, loaded without the native broker runtime it does not need here.
 *
 * The package's CommonJS entry requires @azure/msal-node-runtime as it loads, and that package picks and dlopens
 * a native MSAL runtime for the OS (on Linux about 15 ms of every `delegate token` refresh, and every other command
 * that opens the token cache). Only NativeBrokerPlugin (WAM on Windows, the macOS broker) ever calls into it, and
 * Delegate never hands msal a broker: its sign-in is the device code flow and its cache is the keychain.
 *
 * So the runtime's place in require's cache is taken by a stand-in that says "not available" the way the real one
 * does when its library fails to load (`msalNodeRuntime.StartupError`): should a broker ever be constructed, it
 * reports itself unavailable instead of crashing. require.cache accepts added entries (Node's documentation,
 * "require.cache"); nothing else in the process loads @azure/msal-node-runtime.
 */
import { Module, createRequire } from 'node:module';

type MsalExtensions = typeof import('@azure/msal-node-extensions');

let loaded: MsalExtensions | undefined;

export function msalExtensions(): MsalExtensions {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@azure/msal-node-extensions');
  try {
    // Resolved from the extensions' own folder: the same file its require() would load.
    const runtime = createRequire(entry).resolve('@azure/msal-node-runtime');
    if (!require.cache[runtime]) require.cache[runtime] = brokerRuntimeStandIn(runtime);
  } catch {
    // Not installed beside it: the extensions' own require then reports that, as it would have.
  }
  loaded = require(entry) as MsalExtensions;
  return loaded;
}

export const BROKER_NOT_LOADED = 'Delegate does not load the native MSAL broker runtime (@azure/msal-node-runtime).';

function brokerRuntimeStandIn(filename: string): NodeJS.Module {
  const standIn = new Module(filename);
  standIn.filename = filename;
  standIn.loaded = true;
  standIn.exports = Object.freeze({
    msalNodeRuntime: Object.freeze({ StartupError: new Error(BROKER_NOT_LOADED) }),
    ErrorStatus: Object.freeze({}),
    LogLevel: Object.freeze({}),
  });
  return standIn;
}
