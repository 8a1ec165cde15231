/**
 * `delegate logs [--follow] [--since WHEN] [--source app|daemon] [--lines N|all] [--json]`: the app's and the
 * daemon's log files (the rotated ones too) merged in time order; `--follow` keeps printing new lines, across
 * rotations, until Ctrl+C.
 */
import { parseSince } from '../../core/logging/log-since.js';
import { readLogs, type LogRecord } from '../../core/logging/log-reader.js';
import { followLogs } from '../../core/logging/log-follow.js';
import { formatEntry, LOG_SOURCES } from '../../core/logging/log-entry.js';
import { logsDir } from '../../core/logging/log-paths.js';
import { badInput, type CliIo } from '../cli-io.js';
import { numberOption } from '../number-option.js';
import { parseCommand } from '../parse-options.js';
import { escapeField } from '../terminal-text.js';

const USAGE = 'delegate logs [--follow] [--since WHEN] [--source app|daemon] [--lines N|all] [--json]';
const DEFAULT_LINES = 200;

const HELP = `${USAGE}

Prints the log lines of the desktop app (app.log) and of \`delegate daemon\` (daemon.log), the rotated files
included, merged in time order. Lines never hold tokens or passwords.

  --since WHEN     only lines from then on: an ISO date or date-time (2026-12-01, 2026-12-01T08:00, local time
                   unless a zone is given) or an age (30s, 10m, 2h, 3d, 1w)
  --source S       only the app's or only the daemon's lines
  --lines N|all    the last N lines (default ${DEFAULT_LINES}); all for every one
  --follow         keep printing new lines as they are written, until Ctrl+C
  --json           one JSON object a line, as stored
`;

export async function runLogs(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'logs',
    args,
    { follow: { type: 'boolean', short: 'f' }, since: { type: 'string' }, source: { type: 'string', multiple: true }, lines: { type: 'string', short: 'n' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw badInput(`logs: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  const sources = values.source?.flatMap((source) => source.split(',')).map((source) => source.trim());
  const unknown = sources?.find((source) => !(LOG_SOURCES as readonly string[]).includes(source));
  if (unknown !== undefined) throw badInput(`logs: --source "${unknown}" is not a log source.`, `Use --source ${LOG_SOURCES.join(' or --source ')}.`);
  const since = values.since === undefined ? undefined : parseSince(values.since, new Date());
  const lines = values.lines === undefined ? DEFAULT_LINES : values.lines.trim().toLowerCase() === 'all' ? Infinity : numberOption('logs', '--lines', values.lines, { min: 1, max: 10_000_000, integer: true, unit: 'lines' }, USAGE);

  const print = (record: LogRecord) => io.out(`${values.json ? asJson(record) : asText(record)}\n`);
  const snapshot = readLogs(io.home, { ...(sources ? { sources } : {}), ...(since ? { since } : {}) });
  const shown = snapshot.records.slice(Math.max(0, snapshot.records.length - lines));
  if (!snapshot.anyFiles) {
    io.err(`No log files yet in ${logsDir(io.home)}: the app and \`delegate daemon\` write them there when they run.\n`);
  } else if (snapshot.records.length === 0) {
    io.err(`No log lines${sources ? ` from ${sources.join(' or ')}` : ''}${since ? ` since ${since.toISOString()}` : ''} in ${logsDir(io.home)}.\n`);
  } else if (shown.length < snapshot.records.length) {
    io.err(`(the last ${shown.length} of ${snapshot.records.length} lines; --lines all shows every one)\n`);
  }
  for (const record of shown) print(record);
  if (!values.follow) return 0;

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await followLogs({ home: io.home, ...(sources ? { sources } : {}), positions: snapshot.positions, signal: stop.signal, onRecords: (records) => records.forEach(print) });
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  return 0;
}

function asText(record: LogRecord): string {
  // A message can hold newlines and escape sequences (a script's output, a file name): one line, made visible.
  return record.kind === 'entry' ? escapeField(formatEntry(record.entry)) : escapeField(`${' '.repeat(24)} ${record.source.padEnd(6)} ?     ${record.text}`);
}

function asJson(record: LogRecord): string {
  return JSON.stringify(record.kind === 'entry' ? record.entry : { time: null, source: record.source, text: record.text });
}
