/**
 * The standalone CLI's entry point (bundled to dist/cli/main.js, which bin/delegate.cjs loads): runs the command
 * line Node was given and exits with its code.
 */
import { main } from './main.js';

const code = await main(process.argv.slice(2));
// Exit explicitly: msal's loopback server or a keychain handle must not keep a finished command alive.
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
