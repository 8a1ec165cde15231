import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

/**
 * `npm run emulator -- --port N`: runs the emulator until SIGINT/SIGTERM.
 *
 * stdout carries exactly one JSON line (the URLs and the CA file) so scripts can read it;
 * everything meant for people goes to stderr.
 */

const USAGE = `Usage: npm run emulator -- [--port N] [--device-code-interval S] [--device-code-expires S] [--quiet]

  --port N                    port on 127.0.0.1 (0 or absent: a free port)
  --device-code-interval S    polling interval handed out with device codes (default 5, as Entra)
  --device-code-expires S     device code lifetime in seconds (default 900)
  --quiet                     do not log requests on stderr
`;

function readNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    process.stderr.write(`emulator: --${name} needs a whole number, got '${value}'\n\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        'device-code-interval': { type: 'string' },
        'device-code-expires': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  const { values } = parsed;
  if (values.help) {
    process.stderr.write(USAGE);
    return;
  }
  const emulator = await startEmulator({
    port: readNumber('port', values.port),
    deviceCodeIntervalSeconds: readNumber('device-code-interval', values['device-code-interval']),
    deviceCodeExpiresInSeconds: readNumber('device-code-expires', values['device-code-expires']),
    quiet: values.quiet ?? false,
  });

  process.stdout.write(
    `${JSON.stringify({
      authorityHost: emulator.authorityHost,
      graphBaseUrl: emulator.graphBaseUrl,
      caFile: emulator.caFile,
      controlUrl: emulator.controlUrl,
      tenantId: emulator.tenantId,
    })}\n`,
  );
  process.stderr.write(
    [
      `Entra ID + Graph emulator listening on ${emulator.authorityHost}`,
      `  authority:         ${emulator.authorityHost}/organizations  (tenant ${emulator.tenantId}, ${emulator.tenantDomain})`,
      `  verification page: ${emulator.authorityHost}/devicelogin`,
      `  Graph:             ${emulator.graphBaseUrl}/v1.0/me  (mail, files, Teams, $batch: see the README)`,
      `  control API:       ${emulator.controlUrl}  (see test/emulator/README.md)`,
      `  trust the CA with: NODE_EXTRA_CA_CERTS=${emulator.caFile}`,
      `  users:             ${emulator.users.map((user) => `${user.upn} (${user.displayName})`).join(', ')}`,
      '  stop with Ctrl+C',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`emulator: ${signal} received, shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`emulator: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
