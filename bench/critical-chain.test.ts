import { describe, expect, it } from 'vitest';
import { criticalChain, type Timed } from './critical-chain';

const t = (url: string, start: number, end: number): Timed => ({ url, start, end });

describe('criticalChain', () => {
  it('follows each request back to the one that ended last before it started', () => {
    const html = t('/', 0, 10);
    const js = t('/main.js', 12, 40);
    const css = t('/main.css', 12, 20);
    const config = t('/_dashboard/config', 45, 50);
    const tag = t('/api/tag', 52, 60);
    const chain = criticalChain([html, js, css, config, tag], tag);
    expect(chain.map((r) => r.url)).toEqual(['/', '/main.js', '/_dashboard/config', '/api/tag']);
  });

  it('ends on equal timestamps: two requests that start and end in the same millisecond', () => {
    const html = t('/', 0, 5);
    const a = t('/a', 7, 7);
    const b = t('/b', 7, 7);
    const last = t('/api/tag', 7, 7);
    const chain = criticalChain([html, a, b, last], last);
    expect(chain.map((r) => r.url)).toEqual(['/', '/api/tag']);
  });

  it('ends when every request has the same timestamps', () => {
    const all = Array.from({ length: 5 }, (_, i) => t(`/r${i}`, 3, 3));
    expect(criticalChain(all, all[4]!)).toEqual([all[4]]);
  });

  it('is just the last request when nothing came before it', () => {
    const only = t('/', 0, 1);
    expect(criticalChain([only, t('/x', 0, 2)], only)).toEqual([only]);
  });
});
