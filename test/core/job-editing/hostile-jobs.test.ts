/**
 * Jobs built to break the writer: prototype keys, huge arrays, deep nesting, megabytes of JSON, ids and names
 * that try to inject YAML. Each is refused with a clear message or written so it reads back exactly; none hangs.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { appendJob } from '../../../electron/core/job-editing/append-job.js';
import { replaceJob } from '../../../electron/core/job-editing/replace-job.js';
import { HAND_WRITTEN, NEW_JOB, reportJob } from './fixture.js';

function jobsIn(text: string): Array<Record<string, unknown>> {
  return (parseDocument(text).toJS() as { jobs: Array<Record<string, unknown>> }).jobs;
}

describe('hostile jobs', () => {
  it('a __proto__ or constructor field on a job is refused as an unknown field and pollutes nothing', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const job = JSON.parse(`{"id": "evil", "schedule": "0 1 * * *", "action": {"kind": "graph.request", "path": "/me"}, "${key}": {"polluted": true}}`) as Record<string, unknown>;
      expect(() => appendJob(HAND_WRITTEN, job)).toThrow(/unknown field/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a __proto__ key inside a Graph request body is written and read back as data, not as a prototype', () => {
    const body = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}') as unknown;
    const job = { id: 'evil', schedule: '0 1 * * *', action: { kind: 'graph.request', method: 'POST', path: '/me/sendMail', body } };
    const text = appendJob(HAND_WRITTEN, job);
    const written = jobsIn(text).at(-1) as { action: { body: object } };
    expect(JSON.stringify(written.action.body)).toBe(JSON.stringify(body));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a script with 10,000 arguments is written as one flow list and read back whole', () => {
    const args = Array.from({ length: 10_000 }, (_, index) => `arg-${index}`);
    const job = { id: 'many', schedule: '0 1 * * *', action: { kind: 'script', command: '/bin/true', args } };
    const text = appendJob(HAND_WRITTEN, job);
    expect((jobsIn(text).at(-1) as { action: { args: string[] } }).action.args).toEqual(args);
  });

  it('a body nested a thousand levels deep is refused before the writer recurses into it', () => {
    let body: unknown = 'leaf';
    for (let depth = 0; depth < 1_000; depth++) body = { nested: body };
    const job = { id: 'deep', schedule: '0 1 * * *', action: { kind: 'graph.request', method: 'POST', path: '/me', body } };
    expect(() => appendJob(HAND_WRITTEN, job)).toThrow(/nests deeper than 32 levels/);
  });

  it('a job of megabytes is refused, naming its size', () => {
    const job = { ...NEW_JOB, name: 'x'.repeat(600 * 1024) };
    expect(() => appendJob(HAND_WRITTEN, job)).toThrow(/The job was not saved: the job is \d+ KiB, more than the 512 KiB a job may be/);
  });

  it('an edit that would make jobs.yaml bigger than Delegate reads is refused', () => {
    const big = `${HAND_WRITTEN}${Array.from({ length: 9 }, (_, index) => `  - id: filler-${index}\n    name: "${'y'.repeat(460 * 1024)}"\n    schedule: "0 1 * * *"\n    action: {kind: graph.request, path: /me}\n`).join('')}`;
    expect(() => appendJob(big, { ...NEW_JOB, name: 'z'.repeat(400 * 1024) })).toThrow(/larger than 4 MiB/);
  });

  it('an id that tries to start a second job is refused; a name that tries is written as text in one job', () => {
    expect(() => appendJob(HAND_WRITTEN, { ...NEW_JOB, id: 'a\n- id: b' })).toThrow(/The job was not saved: id: must be up to 64 letters/);
    const name = 'x\n  - id: injected\n    schedule: "* * * * *"\n';
    const text = replaceJob(HAND_WRITTEN, 'report', { ...reportJob(), name });
    expect(jobsIn(text).map((job) => job.id)).toEqual(['report', 'ping', 'backup']);
    expect(jobsIn(text)[0]?.name).toBe(name);
  });

  it('a job that is not a set of fields is refused', () => {
    for (const job of [[], 'id: a', null]) expect(() => appendJob(HAND_WRITTEN, job as unknown as Record<string, unknown>)).toThrow(/not a set of fields/);
  });
});
