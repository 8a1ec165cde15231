import { it } from 'vitest';
import { appendJob } from '../../../electron/core/job-editing/append-job.js';
import { replaceJob } from '../../../electron/core/job-editing/replace-job.js';
import { deleteJob } from '../../../electron/core/job-editing/delete-job.js';
import { setJobEnabled } from '../../../electron/core/job-editing/set-job-enabled.js';
const text = `# header
jobs:
  # the report
  - id: report   # daily
    schedule: "0 7 * * 1-5"
    action:
      kind: mail.send
      to: [a@x.com, b@x.com]
      subject: 'Hi'
      body:
        html: |
          <p>hi</p>
    retries: {attempts: 2, backoffSeconds: 30}

  - {id: flow, schedule: "0 1 * * *", action: {kind: graph.request, path: /me}}

  - id: last
    schedule: "0 2 * * *"
    action: { kind: graph.request, path: /me }
`;
it('smoke', () => {
  const job = { id: 'new', schedule: '0 3 * * *', action: { kind: 'graph.request', path: '/me' } };
  console.log(appendJob(text, job));
  console.log(appendJob(undefined, job));
  console.log(appendJob('jobs: [] # none\n', job));
  console.log(appendJob('# nothing yet\njobs:\n#  - id: old\n', job));
  console.log(replaceJob(text, 'report', { id: 'report', schedule: '0 8 * * 1-5', action: { kind: 'mail.send', to: ['a@x.com'], subject: 'yes', body: { html: '<p>bye</p>\n' } }, retries: { attempts: 3, backoffSeconds: 30 }, notify: 'always' }));
  console.log(replaceJob(text, 'flow', { id: 'flow', schedule: '0 9 * * *', action: { kind: 'graph.request', path: '/me' } }));
  for (const id of ['report', 'flow', 'last']) console.log('--- delete', id, '\n' + deleteJob(text, id));
  console.log(setJobEnabled(text, 'report', false));
  console.log(setJobEnabled(setJobEnabled(text, 'report', false), 'report', true));
  console.log(setJobEnabled(text, 'flow', false));
});
