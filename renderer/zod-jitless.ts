/**
 * Zod without its eval probe: the window's Content-Security-Policy forbids eval (script-src 'self').
 *
 * Zod 4 probes `new Function("")` once to decide whether to compile fast parsers; under the CSP the probe throws
 * (caught by zod) but Chromium still reports a `securitypolicyviolation`. The shared job schema validates in the
 * window (schedule builder, job editor), so the renderer turns the probe off before anything parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
