// Vercel project configuration (read by `vercel build` and `vercel deploy`), generated from
// the server's own modules: see server/vercel-config.ts.
import { vercelConfig } from './server/vercel-config';

export default vercelConfig();
