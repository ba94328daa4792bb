// The conformance profile (profile.env) is plain KEY=value lines under `#` comments, read
// here rather than by a dotenv library: it must refuse anything that is not one of the
// suite's OCI_* switches, so a typo cannot silently turn a check group back on or off.
import { readFileSync } from 'node:fs';

export class ProfileError extends Error {}

const LINE = /^(OCI_[A-Z0-9_]+)=(.*)$/;
// The runner sets these per target; a profile that set them would be overridden silently.
const RUNNER_OWNED = new Set([
  'OCI_REGISTRY',
  'OCI_TLS',
  'OCI_REPO1',
  'OCI_REPO2',
  'OCI_USERNAME',
  'OCI_PASSWORD',
  'OCI_RESULTS_DIR',
]);

export function parseProfile(text: string, label = 'profile'): Record<string, string> {
  const env: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) throw new ProfileError(`${label}:${i + 1}: expected OCI_NAME=value, got "${line}"`);
    const [, key, value] = m as unknown as [string, string, string];
    if (RUNNER_OWNED.has(key)) {
      throw new ProfileError(`${label}:${i + 1}: ${key} is set by the runner for each target`);
    }
    if (key in env) throw new ProfileError(`${label}:${i + 1}: ${key} is set twice`);
    env[key] = value;
  });
  return env;
}

export function readProfile(file: string): Record<string, string> {
  return parseProfile(readFileSync(file, 'utf8'), file);
}
