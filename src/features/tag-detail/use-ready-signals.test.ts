import { describe, expect, it } from 'vitest';
import { baseTag } from './test-utils';
import { pageTitle, readyMessage } from './use-ready-signals';

describe('readyMessage', () => {
  it('says ready only for the statuses that are', () => {
    expect(readyMessage({ ...baseTag, status: 'ready' })).toBe('v1.0.0 is ready');
    expect(readyMessage({ ...baseTag, status: 'unoptimized' })).toBe(
      'v1.0.0 is ready (unoptimized)',
    );
    expect(readyMessage({ ...baseTag, status: 'failed' })).toBe('v1.0.0 is now failed');
  });
});

describe('pageTitle', () => {
  it('leads with the status so a background tab shows it', () => {
    expect(pageTitle('web', 'v1', undefined)).toBe('web:v1 · VCR Dashboard');
    expect(pageTitle('web', 'v1', { ...baseTag, status: 'preparing' })).toBe(
      'Preparing · web:v1 · VCR Dashboard',
    );
    expect(pageTitle('web', 'v1', { ...baseTag, status: 'unoptimized' })).toBe(
      'Ready (unoptimized) · web:v1 · VCR Dashboard',
    );
  });
});
