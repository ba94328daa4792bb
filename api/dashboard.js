// The one Vercel Function (Node.js runtime). Its code is server/vercel-handler.ts, bundled
// by the build command (scripts/bundle-function.ts) before Vercel builds this folder; the
// leading `_` keeps Vercel from taking the bundle for a function of its own.
export { default } from './_bundle/handler.mjs';
