/**
 * The fake jobs file's jobs as written (what `jobs:get-source` answers): one of each kind, with fields the editor
 * has no control for (a script's env) so an edit can be seen to keep them, and the invalid job of the problems.
 */
export const FAKE_SOURCES: Array<Record<string, unknown>> = [
  {
    id: 'daily-report',
    name: 'Daily sales report',
    schedule: '0 7 * * 1-5',
    timezone: 'Europe/Berlin',
    catchUp: 'once',
    timeoutMinutes: 10,
    retries: { attempts: 2, backoffSeconds: 60 },
    profile: 'work',
    notify: 'failure',
    action: {
      kind: 'mail.send',
      to: ['ops@contoso.com', 'sales-leads@contoso.com'],
      cc: 'alex.wilber@contoso.com',
      subject: 'Daily sales report',
      body: { file: 'reports/summary.html' },
      attachments: ['reports/sales.xlsx'],
      saveToSentItems: true,
    },
  },
  {
    id: 'pull-budget',
    name: 'Pull the budget workbook',
    schedule: '30 6 * * *',
    action: { kind: 'files.download', source: { site: 'https://contoso.sharepoint.com/sites/Finance', path: 'Budget/2026.xlsx' }, destination: 'data/budget.xlsx' },
  },
  {
    id: 'push-export',
    name: 'Upload the nightly export',
    schedule: '0 8 * * *',
    enabled: false,
    action: { kind: 'files.upload', source: 'data/export.csv', destination: { drive: 'me', path: 'Exports' }, conflictBehavior: 'rename' },
  },
  {
    id: 'etl-done',
    name: 'Tell the team the ETL is done',
    schedule: '5 7 * * *',
    action: { kind: 'teams.message', teamId: '6f1c2f6e-3b1a-4c55-9d7e-0b5d7c1e2a90', channelId: '19:a1b2c3d4e5@thread.tacv2', body: { html: '<b>ETL done</b>' } },
  },
  {
    id: 'invoices',
    name: 'Save supplier invoices',
    schedule: '*/30 * * * *',
    action: { kind: 'mail.attachments', mailbox: 'ops@contoso.com', filter: { from: 'billing@fabrikam.com', attachmentNamePattern: '*.pdf', receivedWithinDays: 7 }, saveTo: 'invoices', markRead: true },
  },
  {
    id: 'whoami',
    name: 'Weekly identity check',
    schedule: '0 9 * * 1',
    profile: 'contoso-gov',
    action: { kind: 'graph.request', method: 'GET', path: '/me', saveTo: 'out/me.json', scopes: ['User.Read'] },
  },
  {
    id: 'etl',
    name: 'Nightly ETL (python3 etl.py)',
    schedule: '0 2 * * *',
    action: {
      kind: 'script',
      command: 'python3',
      args: ['etl.py', '--since', 'yesterday'],
      env: { ETL_MODE: 'nightly' },
      tokens: [{ env: 'GRAPH_TOKEN' }, { env: 'SP_TOKEN', resource: 'https://contoso.sharepoint.com' }],
    },
  },
  {
    id: 'weekly-digest',
    name: 'Weekly digest',
    schedule: '0 25 * * 1',
    action: { kind: 'mail.send', to: 'team@contoso.com', subject: 'Weekly digest', body: { text: 'This week…' }, colour: 'blue' },
  },
];
