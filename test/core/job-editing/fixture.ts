/**
 * A jobs.yaml written by hand, the way people write them: header comments, comments between and inside jobs,
 * trailing comments, flow lists and mappings, both quotes, a block literal, blank lines, a flow-style job.
 */
export const HAND_WRITTEN = `# Delegate jobs — hand-written
# second header line

jobs:
  # The morning report, for the team
  - id: report   # the daily one
    name: 'Morning report'
    schedule: "0 7 * * 1-5"
    timezone: Europe/Berlin
    action:
      kind: mail.send
      to: [a@x.com, b@x.com]
      subject: "Report for today"
      body:
        html: |
          <p>Hello,</p>
          <p>the report.</p>
    retries: {attempts: 2, backoffSeconds: 30}
    # notify: always

  - {id: ping, schedule: "*/5 * * * *", action: {kind: graph.request, path: /me}}

  # Backups
  - id: backup
    enabled: true
    schedule: "0 2 * * *"
    action: { kind: graph.request, path: /me }   # just a probe
`;

/** The report job as plain data, as the editor would send it back unchanged. */
export function reportJob(): Record<string, unknown> {
  return {
    id: 'report',
    name: 'Morning report',
    schedule: '0 7 * * 1-5',
    timezone: 'Europe/Berlin',
    action: { kind: 'mail.send', to: ['a@x.com', 'b@x.com'], subject: 'Report for today', body: { html: '<p>Hello,</p>\n<p>the report.</p>\n' } },
    retries: { attempts: 2, backoffSeconds: 30 },
  };
}

export const NEW_JOB = { id: 'weekly', schedule: '0 3 * * 1', action: { kind: 'graph.request', path: '/me' } };
export const NEW_JOB_LINES = `  - id: weekly
    schedule: 0 3 * * 1
    action:
      kind: graph.request
      path: /me
`;

/** The fixture with CRLF line breaks, without its final line break, or with a byte order mark. */
export const VARIANTS: Array<[string, (text: string) => string]> = [
  ['LF', (text) => text],
  ['CRLF', (text) => text.replace(/\n/g, '\r\n')],
  ['no final newline', (text) => text.replace(/\n$/, '')],
  ['a byte order mark', (text) => `\uFEFF${text}`],
];
