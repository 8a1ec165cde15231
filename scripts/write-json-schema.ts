// Writes build/jobs.schema.json from the zod schema (run by `npm run build`; a test checks it is current).
import { writeFileSync } from 'node:fs';
import { jobsJsonSchema } from '../electron/core/jobs/jobs-json-schema.js';

writeFileSync(new URL('../build/jobs.schema.json', import.meta.url), `${JSON.stringify(jobsJsonSchema(), null, 2)}\n`);
