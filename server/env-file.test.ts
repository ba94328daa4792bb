import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv, parseEnvFile } from './env-file';

describe('parseEnvFile', () => {
  it('reads the common dialect', () => {
    const text = [
      '# a comment',
      'VERCEL_TOKEN=abc123',
      'export VERCEL_ORG_ID = team_1 # inline comment',
      'QUOTED="a b # not a comment"',
      "SINGLE='x\\ny'",
      'ESCAPED="line1\\nline2"',
      'MULTI="one',
      'two"',
      'EMPTY=',
      'not a line',
      '',
    ].join('\r\n');
    expect(parseEnvFile(text)).toEqual({
      VERCEL_TOKEN: 'abc123',
      VERCEL_ORG_ID: 'team_1',
      QUOTED: 'a b # not a comment',
      SINGLE: 'x\\ny',
      ESCAPED: 'line1\nline2',
      MULTI: 'one\ntwo',
      EMPTY: '',
    });
  });
});

describe('loadEnv', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcr-env-'));
  writeFileSync(
    path.join(dir, '.env'),
    'VERCEL_TOKEN=from_file\nVERCEL_PROJECT_ID=prj_file\nVERCEL_API_URL=http://file\n',
  );

  it('fills in what the environment lacks', () => {
    expect(loadEnv({}, dir)).toMatchObject({
      VERCEL_TOKEN: 'from_file',
      VERCEL_PROJECT_ID: 'prj_file',
    });
  });

  it('lets the real environment win, including an explicitly empty variable', () => {
    const env = loadEnv({ VERCEL_TOKEN: '', VERCEL_PROJECT_ID: 'prj_env' }, dir);
    expect(env.VERCEL_TOKEN).toBe('');
    expect(env.VERCEL_PROJECT_ID).toBe('prj_env');
    expect(env.VERCEL_API_URL).toBe('http://file');
  });

  it('is a no-op without a .env file', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'vcr-env-none-'));
    expect(loadEnv({ A: '1' }, empty)).toEqual({ A: '1' });
  });
});
