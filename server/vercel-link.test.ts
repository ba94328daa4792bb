import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulatorBackend } from './emulator-backend';
import { resolveDefaultScope } from './dashboard-config';
import {
  ensureProjectLink,
  PLACEHOLDER_ORG_ID,
  PLACEHOLDER_PROJECT_ID,
  PROJECT_SETTINGS,
} from './vercel-link';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcr-link-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const linkFile = (dir: string) => path.join(dir, '.vercel', 'project.json');
const readLink = (dir: string) => JSON.parse(readFileSync(linkFile(dir), 'utf8')) as object;
const writeLink = (dir: string, json: object) => {
  mkdirSync(path.join(dir, '.vercel'), { recursive: true });
  writeFileSync(linkFile(dir), JSON.stringify(json));
};

describe('ensureProjectLink', () => {
  it('writes placeholder ids with build settings where nothing is linked', () => {
    const dir = tempDir();
    expect(ensureProjectLink(dir)).toBe('created');
    expect(readLink(dir)).toEqual({
      projectId: PLACEHOLDER_PROJECT_ID,
      orgId: PLACEHOLDER_ORG_ID,
      settings: PROJECT_SETTINGS,
    });
    expect(ensureProjectLink(dir)).toBe('kept');
  });

  it('never touches a link that has settings (`vercel link` + `vercel pull`)', () => {
    const dir = tempDir();
    const linked = { projectId: 'prj_real', orgId: 'team_real', settings: { framework: null } };
    writeLink(dir, linked);
    expect(ensureProjectLink(dir)).toBe('kept');
    expect(readLink(dir)).toEqual(linked);
  });

  it('adds settings to a bare `vercel link`, keeping its ids', () => {
    const dir = tempDir();
    writeLink(dir, { projectId: 'prj_real', orgId: 'team_real' });
    expect(ensureProjectLink(dir)).toBe('settings-added');
    expect(readLink(dir)).toEqual({
      projectId: 'prj_real',
      orgId: 'team_real',
      settings: PROJECT_SETTINGS,
    });
  });

  it('refuses a link file that is not JSON, saying how to fix it', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.vercel'));
    writeFileSync(linkFile(dir), '{ nope');
    expect(() => ensureProjectLink(dir)).toThrow(/vercel link/);
  });
});

describe('the placeholder link and the default scope', () => {
  it('is no default scope for `npm start`, while a real link is', () => {
    const backend = createEmulatorBackend();
    const dir = tempDir();
    ensureProjectLink(dir);
    expect(resolveDefaultScope({}, dir, backend)).toMatchObject({ source: 'emulator' });
    writeLink(dir, { projectId: 'prj_real', orgId: 'team_real' });
    expect(resolveDefaultScope({}, dir, backend)).toEqual({
      projectId: 'prj_real',
      teamId: 'team_real',
      source: 'vercel-project-json',
    });
  });

  it('is never read in a deployment (no working-directory link)', () => {
    const backend = createEmulatorBackend();
    expect(resolveDefaultScope({}, null, backend)).toMatchObject({ source: 'emulator' });
  });
});
