/**
 * zod as the web app gets it (vite.config.ts points `zod` here, for the app and @telehub/shared
 * alike). zod compiles object parsers with `new Function` where it may, deciding when each schema
 * is built, and probes for that with a `new Function` of its own. The page's Content-Security-Policy
 * forbids eval, so the probe would only earn a violation report: it is switched off here, before
 * any module that builds a schema runs (they all import zod through this file).
 */
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z };
