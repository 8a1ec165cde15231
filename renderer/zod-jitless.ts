/**
 * Zod without generated code, before any schema is built: the window's Content-Security-Policy forbids eval, and
 * zod's probe for it (`new Function`) would be reported as a violation. Imported first by the window's entry.
 */
import { z } from 'zod';

z.config({ jitless: true });
