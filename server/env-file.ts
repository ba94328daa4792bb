// `.env` support without a dependency. The file fills in only what the real environment
// lacks: a variable that is set, even to the empty string (the e2e suite sets
// VERCEL_TOKEN='' to force the emulator), always wins over the file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './config';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)?\s*$/;

/** Parses the common `.env` dialect: KEY=value, quotes, `export`, `#` comments. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m?.[1]) continue;
    let value = (m[2] ?? '').trim();
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may span lines until its closing quote.
      let rest = value.slice(1);
      while (!hasClosingQuote(rest, quote) && i + 1 < lines.length) {
        rest += '\n' + (lines[++i] ?? '');
      }
      const end = closingQuoteIndex(rest, quote);
      value = end === -1 ? rest : rest.slice(0, end);
      if (quote === '"') {
        value = value.replace(/\\([nrt"\\])/g, (_, c: string) =>
          c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
        );
      }
    } else {
      // An unquoted value ends at ` #` (an inline comment).
      const hash = value.search(/\s#/);
      if (hash !== -1) value = value.slice(0, hash).trim();
    }
    out[m[1]] = value;
  }
  return out;
}

function closingQuoteIndex(s: string, quote: string): number {
  for (let i = 0; i < s.length; i++) {
    if (quote === '"' && s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === quote) return i;
  }
  return -1;
}

function hasClosingQuote(s: string, quote: string): boolean {
  return closingQuoteIndex(s, quote) !== -1;
}

/** The environment to run with: `cwd/.env` under the real environment. */
export function loadEnv(env: Env, cwd: string, file = '.env'): Env {
  const full = path.join(cwd, file);
  if (!existsSync(full)) return { ...env };
  let parsed: Record<string, string>;
  try {
    parsed = parseEnvFile(readFileSync(full, 'utf8'));
  } catch (err) {
    throw new Error(`could not read ${file}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const merged: Env = { ...parsed };
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
