// public/theme-init.js runs before first paint, outside the bundle: it applies the saved theme
// and warms the locale data so the first Intl formatter of the page is cheap.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const source = readFileSync(path.resolve(__dirname, '../public/theme-init.js'), 'utf8');
const run = () => new Function(source)();

describe('theme-init.js', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
    document.documentElement.removeAttribute('data-theme');
  });

  it('applies the theme chosen on this device', () => {
    localStorage.setItem('vcr-theme', 'dark');
    run();
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
  });

  it('keeps the theme cookie the server renders with in step with the choice', () => {
    localStorage.setItem('vcr-theme', 'light');
    run();
    expect(document.cookie).toContain('vcr-theme=light');
    localStorage.removeItem('vcr-theme');
    run();
    expect(document.cookie).not.toContain('vcr-theme=');
    expect(document.documentElement).not.toHaveAttribute('data-theme');
  });

  it('leaves the theme to the system without a valid choice', () => {
    localStorage.setItem('vcr-theme', 'purple');
    run();
    expect(document.documentElement).not.toHaveAttribute('data-theme');
  });

  it('formats one number in the reader’s locale, so the locale data is loaded before paint', () => {
    const Real = Intl.NumberFormat;
    const formatted: string[] = [];
    vi.spyOn(Intl, 'NumberFormat').mockImplementation(function (
      this: unknown,
      ...args: ConstructorParameters<typeof Intl.NumberFormat>
    ) {
      const real = new Real(...args);
      return { format: (n: number) => (formatted.push(real.format(n)), formatted.at(-1)!) };
    } as unknown as typeof Intl.NumberFormat);
    run();
    expect(formatted).toEqual(['0']);
  });

  it('goes on without Intl or storage', () => {
    vi.spyOn(Intl, 'NumberFormat').mockImplementation(() => {
      throw new Error('no Intl');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('storage blocked');
    });
    expect(run).not.toThrow();
  });
});
