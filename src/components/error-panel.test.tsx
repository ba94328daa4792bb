import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { ErrorPanel } from './error-panel';

function renderPanel(props: Parameters<typeof ErrorPanel>[0]) {
  return render(
    <MemoryRouter>
      <ErrorPanel {...props} />
    </MemoryRouter>,
  );
}

const http = (status: number, extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}) =>
  new ApiError({ kind: 'http', status, message: `status ${status}`, ...extra });

describe('ErrorPanel', () => {
  afterEach(() => vi.useRealTimers());

  it('explains invalid input', () => {
    renderPanel({
      error: new ApiError({ kind: 'invalid-input', message: 'No projectId in this link.' }),
    });
    expect(screen.getByRole('alert')).toHaveTextContent('This link cannot be opened');
    expect(screen.getByRole('alert')).toHaveTextContent('No projectId in this link.');
  });

  it('says how to supply a token on 401', () => {
    renderPanel({ error: http(401) });
    expect(screen.getByRole('heading')).toHaveTextContent('Not signed in');
    expect(screen.getByRole('alert')).toHaveTextContent('VERCEL_TOKEN');
    expect(screen.getByRole('link', { name: /paste a token in Settings/ })).toHaveAttribute(
      'href',
      '/settings',
    );
  });

  it('names the scope that lacks access on 403', () => {
    renderPanel({ error: http(403), scope: { projectId: 'prj_x', teamId: 'team_y' } });
    expect(screen.getByRole('alert')).toHaveTextContent('cannot read project prj_x in team team_y');
  });

  it('uses the page’s not-found message and back link on 404', () => {
    renderPanel({
      error: http(404),
      notFoundMessage: 'Tag v9 was not found in repository web-app.',
      backLink: { to: '/repositories/web-app?projectId=p', label: 'Open repository web-app' },
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Tag v9 was not found in repository web-app.',
    );
    expect(screen.getByRole('link', { name: 'Open repository web-app' })).toBeInTheDocument();
  });

  it('explains 410 Gone', () => {
    renderPanel({ error: http(410) });
    expect(screen.getByRole('alert')).toHaveTextContent('410 Gone');
  });

  it('counts down to the Retry-After of a 429', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    renderPanel({
      error: http(429, { retryAfterMs: 5000 }),
      retrying: true,
      retryAt: 1_005_000,
      onRetry: () => {},
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Too many requests');
    expect(screen.getByRole('alert')).toHaveTextContent('Retry-After');
    expect(screen.getByTestId('retry-countdown')).toHaveTextContent('5');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByTestId('retry-countdown')).toHaveTextContent('3');
    // Screen readers get the wait once; the ticking digits are hidden from them.
    expect(screen.getByText('in about 5 s.')).toHaveClass('sr-only');
    expect(screen.getByTestId('retry-countdown').closest('[aria-hidden="true"]')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again now' })).not.toBeInTheDocument();
  });

  it('shows the x-vercel-id of a 5xx and that it retries', () => {
    renderPanel({ error: http(503, { requestId: 'cdg1::xyz' }), retrying: true });
    expect(screen.getByRole('alert')).toHaveTextContent('The API is having trouble');
    expect(screen.getByRole('alert')).toHaveTextContent('cdg1::xyz');
    expect(screen.getByRole('alert')).toHaveTextContent('Retrying automatically');
    expect(screen.getByRole('button', { name: 'Copy request id' })).toBeInTheDocument();
  });

  it('explains a network failure and a broken response', () => {
    const { unmount } = renderPanel({
      error: new ApiError({ kind: 'network', message: 'Could not reach the server.' }),
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Cannot reach the API');
    unmount();
    renderPanel({
      error: new ApiError({ kind: 'invalid-response', message: 'Bad "tag.kind".' }),
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Unexpected response from the API');
  });

  it('handles something that is not an ApiError', () => {
    renderPanel({ error: new Error('boom') });
    expect(screen.getByRole('alert')).toHaveTextContent('boom');
  });
});
