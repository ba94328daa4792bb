// `.vercel/project.json` for `npm run build:vercel` in a folder nobody has `vercel link`ed.
// `vercel build` needs the file (with `settings`) to run offline; the ids in it are
// placeholders that name no project, and `vercel link` replaces them with the real ones.
// The dashboard reads the same file as its default VCR scope (the CLI's convention), so it
// must recognise the placeholders and skip them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PLACEHOLDER_PROJECT_ID = 'prj_vcr_dashboard_unlinked';
export const PLACEHOLDER_ORG_ID = 'team_vcr_dashboard_unlinked';

/**
 * What `vercel pull` would write for this repository. vercel.ts sets the same build
 * options, so a linked project's own settings give the same build.
 */
export const PROJECT_SETTINGS = {
  framework: 'vite',
  // The app, then the function's code in one module (see scripts/bundle-function.ts).
  buildCommand: 'vite build && tsx scripts/bundle-function.ts',
  outputDirectory: 'dist',
  // `npm ci` already ran; `vercel build` must not install (or reach a registry) again.
  installCommand: '',
  devCommand: null,
  rootDirectory: null,
} as const;

export function isPlaceholderLink(json: { projectId?: unknown; orgId?: unknown }): boolean {
  return json.projectId === PLACEHOLDER_PROJECT_ID || json.orgId === PLACEHOLDER_ORG_ID;
}

export type LinkOutcome = 'created' | 'settings-added' | 'kept';

/**
 * Makes `cwd/.vercel/project.json` usable by `vercel build`: writes the placeholder link
 * when there is none, adds `settings` to a link that lacks them (keeping its ids), and
 * never touches a link that already has settings.
 */
export function ensureProjectLink(cwd: string): LinkOutcome {
  const dir = path.join(cwd, '.vercel');
  const file = path.join(dir, 'project.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const link = {
      projectId: PLACEHOLDER_PROJECT_ID,
      orgId: PLACEHOLDER_ORG_ID,
      settings: PROJECT_SETTINGS,
    };
    writeFileSync(file, JSON.stringify(link, null, 2) + '\n');
    return 'created';
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(
      `${file} is not valid JSON (${err instanceof Error ? err.message : String(err)}). ` +
        'Run `vercel link` again, or delete the file to build unlinked.',
      { cause: err },
    );
  }
  if (json.settings && typeof json.settings === 'object') return 'kept';
  writeFileSync(file, JSON.stringify({ ...json, settings: PROJECT_SETTINGS }, null, 2) + '\n');
  return 'settings-added';
}
