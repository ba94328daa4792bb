import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { baseTag } from './test-utils';
import { pollInterval } from './watch-policy';

const preparing = { ...baseTag, status: 'preparing' };

describe('pollInterval', () => {
  it('polls every 2 s while preparing, every 10 s when hidden', () => {
    expect(pollInterval({ data: preparing, error: null, visible: true })).toBe(2000);
    expect(pollInterval({ data: preparing, error: null, visible: false })).toBe(10_000);
  });

  it.each(['ready', 'unoptimized', null, 'quarantined'])('stops for a terminal %s', (status) => {
    expect(pollInterval({ data: { ...baseTag, status }, error: null, visible: true })).toBe(false);
  });

  it('keeps trying slowly after a transient failure, honouring Retry-After', () => {
    const e503 = new ApiError({ kind: 'http', status: 503, message: 'x' });
    const e429 = new ApiError({ kind: 'http', status: 429, message: 'x', retryAfterMs: 30_000 });
    expect(pollInterval({ data: undefined, error: e503, visible: true })).toBe(10_000);
    expect(pollInterval({ data: preparing, error: e429, visible: true })).toBe(30_000);
  });

  it('gives up on a permanent failure', () => {
    const e404 = new ApiError({ kind: 'http', status: 404, message: 'x' });
    expect(pollInterval({ data: preparing, error: e404, visible: true })).toBe(false);
  });
});
