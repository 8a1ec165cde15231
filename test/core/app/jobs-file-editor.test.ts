import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setJobEnabled } from '../../../electron/core/app/jobs-file-editor.js';
import { makeHome } from '../../support/test-home.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

const original = `# My jobs — hand-written, keep the comments
jobs:
  - id: report   # the daily report
    schedule: "0 7 * * 1-5"
    action: { kind: graph.request, path: /me }

  - id: backup
    enabled: true
    schedule: "0 2 * * *"
    action: { kind: graph.request, path: /me }
`;

describe('toggling a job from the app', () => {
  it("changes only that job's enabled field and keeps comments and layout", () => {
    const path = join(home, 'jobs.yaml');
    writeFileSync(path, original);
    setJobEnabled(path, 'backup', false);
    const edited = readFileSync(path, 'utf8');
    expect(edited).toContain('# My jobs — hand-written, keep the comments');
    expect(edited).toContain('- id: report # the daily report');
    expect(edited).toMatch(/id: backup\n\s+enabled: false/);
    setJobEnabled(path, 'report', false);
    expect(readFileSync(path, 'utf8')).toMatch(/id: report # the daily report\n[\s\S]*enabled: false/);
  });

  it('refuses to edit a file that is not valid YAML, and names an unknown job', () => {
    const path = join(home, 'jobs.yaml');
    writeFileSync(path, 'jobs:\n  - id: [broken\n');
    expect(() => setJobEnabled(path, 'x', true)).toThrow(/not valid YAML, so Delegate will not edit it/);
    writeFileSync(path, original);
    expect(() => setJobEnabled(path, 'nope', true)).toThrow(/There is no job "nope"/);
  });
});
