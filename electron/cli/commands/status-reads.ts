/**
 * What `delegate status` loads after it has asked the keychain's Locked state (status.ts): config and metadata
 * readers (zod), health, the keychain reader and the formatting. One module, imported once the D-Bus question is
 * on its way, so dbus-send answers while these load.
 */
export { systemClock } from '../../core/clock.js';
export { authContext } from '../../core/auth/auth-context.js';
export { computeHealth } from '../../core/auth/health.js';
export { describePartitions, loadKeychainReader, readsWithKeytar, readTokenPartitions } from '../../core/auth/keychain-token-partitions.js';
export { readMetadata } from '../../core/auth/profile-metadata.js';
export { authorityUrl, endpointsFor } from '../../core/auth/cloud-endpoints.js';
export { resolveProfile } from '../../core/config/profile-resolver.js';
export { isDelegateError } from '../../core/errors/delegate-error.js';
export { listDamagedFiles } from '../../core/fs/damaged-file.js';
export { printJson, reportError, toErrorData } from '../cli-io.js';
export { ExitCode } from '../exit-codes.js';
export { formatHealth } from '../format-health.js';
