/**
 * What the evidence pack says a script job can reach: besides the tokens in its environment, the token broker its
 * Azure SDKs use — on by default, narrowed to chosen resources, or off.
 */
import { describe, expect, it } from 'vitest';
import { describeJobTouches } from '../../../electron/core/evidence/job-touches.js';
import { jobSchema, type Job } from '../../../shared/jobs/job-schema.js';

function scriptJob(extra: Record<string, unknown>): Job {
  return jobSchema.parse({ id: 'etl', schedule: '0 2 * * *', action: { kind: 'script', command: 'python3', args: ['etl.py'], ...extra } });
}

function brokerLine(job: Job): string | undefined {
  return describeJobTouches(job).touches.find((touch) => touch.label.startsWith('Token broker'))?.value;
}

describe("the evidence pack's script job", () => {
  it("says the token broker serves Graph and the profile's extra resources when the job does not choose", () => {
    expect(brokerLine(scriptJob({}))).toBe("on: Graph (the profile's scopes) and the profile's extra resources");
  });

  it('names the resources a job narrowed the broker to, and says when it is off', () => {
    expect(brokerLine(scriptJob({ broker: { resources: ['graph', 'https://contoso.sharepoint.com'] } }))).toBe("on: Graph (the profile's scopes); https://contoso.sharepoint.com .default");
    expect(brokerLine(scriptJob({ broker: false }))).toBe('off: every request is refused');
  });
});
