/**
 * The fake jobs file: one job of each kind, as the README's example, and a couple of problems.
 */
import type { JobProblemView, JobSummary } from '../../shared/ipc/ipc-models.js';

export type FakeJob = Omit<JobSummary, 'nextRun' | 'running' | 'lastRun'> & { everyMinutes: number; offsetMinutes: number };

export const FAKE_JOBS_PATH = '/home/alex/.config/Delegate/jobs.yaml';

export const FAKE_JOBS: FakeJob[] = [
  {
    id: 'daily-report',
    name: 'Daily sales report',
    kind: 'mail.send',
    enabled: true,
    profile: 'work',
    schedule: '0 7 * * 1-5',
    timezone: 'Europe/Berlin',
    scheduleInWords: 'At 07:00, Monday through Friday',
    everyMinutes: 24 * 60,
    offsetMinutes: 7 * 60,
  },
  {
    id: 'pull-budget',
    name: 'Pull the budget workbook',
    kind: 'files.download',
    enabled: true,
    profile: null,
    schedule: '30 6 * * *',
    timezone: null,
    scheduleInWords: 'At 06:30',
    everyMinutes: 24 * 60,
    offsetMinutes: 6 * 60 + 30,
  },
  {
    id: 'push-export',
    name: 'Upload the nightly export',
    kind: 'files.upload',
    enabled: false,
    profile: null,
    schedule: '0 8 * * *',
    timezone: null,
    scheduleInWords: 'At 08:00',
    everyMinutes: 24 * 60,
    offsetMinutes: 8 * 60,
  },
  {
    id: 'etl-done',
    name: 'Tell the team the ETL is done',
    kind: 'teams.message',
    enabled: true,
    profile: null,
    schedule: '5 7 * * *',
    timezone: null,
    scheduleInWords: 'At 07:05',
    everyMinutes: 24 * 60,
    offsetMinutes: 7 * 60 + 5,
  },
  {
    id: 'invoices',
    name: 'Save supplier invoices',
    kind: 'mail.attachments',
    enabled: true,
    profile: null,
    schedule: '*/30 * * * *',
    timezone: null,
    scheduleInWords: 'Every 30 minutes',
    everyMinutes: 30,
    offsetMinutes: 0,
  },
  {
    id: 'whoami',
    name: 'Weekly identity check',
    kind: 'graph.request',
    enabled: true,
    profile: 'contoso-gov',
    schedule: '0 9 * * 1',
    timezone: null,
    scheduleInWords: 'At 09:00, only on Monday',
    everyMinutes: 7 * 24 * 60,
    offsetMinutes: 9 * 60,
  },
  {
    id: 'etl',
    name: 'Nightly ETL (python3 etl.py)',
    kind: 'script',
    enabled: true,
    profile: null,
    schedule: '0 2 * * *',
    timezone: null,
    scheduleInWords: 'At 02:00',
    everyMinutes: 24 * 60,
    offsetMinutes: 2 * 60,
  },
];

export const FAKE_PROBLEMS: JobProblemView[] = [
  {
    severity: 'error',
    jobId: 'weekly-digest',
    path: 'jobs[7].schedule',
    line: 58,
    message: '"0 25 * * 1" is not a valid schedule: the hour must be between 0 and 23.',
  },
  {
    severity: 'error',
    jobId: 'weekly-digest',
    path: 'jobs[7].action.to',
    line: 61,
    message: 'is required',
  },
  {
    severity: 'error',
    path: 'jobs[8].id',
    line: 66,
    message: 'is required',
  },
  {
    severity: 'warning',
    jobId: 'push-export',
    path: 'jobs[2].action.source',
    line: 31,
    message: 'data/export.csv does not exist yet. That is fine if an earlier job creates it.',
  },
];

export const FAKE_FILE_ERROR: JobProblemView = {
  severity: 'error',
  path: '',
  line: 14,
  message: 'The file is not valid YAML: a mapping value is not allowed here (column 12).',
};
