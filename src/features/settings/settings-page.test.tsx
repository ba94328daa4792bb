import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { getSessionToken, setSessionToken } from '../../api/session-token';
import { server } from '../../test/msw-server';
import { SettingsPage } from './settings-page';
import { pastedTokenProblem, tokenSource } from './token-source';

function config(mode: 'emulator' | 'proxy', serverToken: boolean) {
  return http.get('/_dashboard/config', () =>
    HttpResponse.json({ mode, serverToken, defaultScope: null }),
  );
}

/** /v2/user answers alice for `tok_alice_123`, 401 for anything else; records the headers. */
function userEndpoint(seen: Array<string | null>) {
  return http.get('/api/v2/user', ({ request }) => {
    const auth = request.headers.get('authorization');
    seen.push(auth);
    if (auth === 'Bearer tok_alice_123' || auth === null) {
      return HttpResponse.json({ user: { id: 'u1', username: 'alice' } });
    }
    return HttpResponse.json(
      { error: { code: 'forbidden', message: 'Not authorized' } },
      { status: 401 },
    );
  });
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <SettingsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('SettingsPage', () => {
  it('in emulator mode names the demo token and offers no paste field', async () => {
    server.use(config('emulator', true));
    renderPage();
    expect(await screen.findByTestId('token-source')).toHaveTextContent('Emulator demo token');
    expect(screen.queryByLabelText('Vercel token')).not.toBeInTheDocument();
  });

  it('with a server token says so, shows whose it is, and offers no paste field', async () => {
    const seen: Array<string | null> = [];
    server.use(config('proxy', true), userEndpoint(seen));
    renderPage();
    expect(await screen.findByTestId('token-source')).toHaveTextContent(
      'Server token (VERCEL_TOKEN)',
    );
    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('Signed in as alice');
    expect(screen.queryByLabelText('Vercel token')).not.toBeInTheDocument();
    expect(seen).toEqual([null]);
  });

  it('without any token lets the user paste one, keeps it in sessionStorage only, and signs out', async () => {
    const user = userEvent.setup();
    const seen: Array<string | null> = [];
    server.use(config('proxy', false), userEndpoint(seen));
    renderPage();
    expect(await screen.findByTestId('token-source')).toHaveTextContent('No token');
    expect(seen).toEqual([]);

    await user.type(screen.getByLabelText('Vercel token'), 'not a token');
    await user.click(screen.getByRole('button', { name: /use this token/i }));
    expect(screen.getByRole('alert')).toHaveTextContent('no spaces or quotes');
    expect(getSessionToken()).toBeNull();

    await user.clear(screen.getByLabelText('Vercel token'));
    await user.type(screen.getByLabelText('Vercel token'), '  tok_alice_123 ');
    await user.click(screen.getByRole('button', { name: /use this token/i }));
    expect(screen.getByTestId('token-source')).toHaveTextContent('Token pasted in this tab');
    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('alice');
    expect(getSessionToken()).toBe('tok_alice_123');
    expect(seen).toEqual(['Bearer tok_alice_123']);
    expect(JSON.stringify(localStorage)).not.toContain('tok_alice_123');
    expect(document.cookie).not.toContain('tok_alice_123');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByTestId('token-source')).toHaveTextContent('No token');
    expect(getSessionToken()).toBeNull();
    expect(screen.getByLabelText('Vercel token')).toHaveValue('');
  });

  it('says when the API refuses the pasted token', async () => {
    setSessionToken('tok_revoked_999');
    server.use(config('proxy', false), userEndpoint([]));
    renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The Vercel API refused this token: Not authorized',
    );
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('offers to forget a leftover pasted token the server overrides', async () => {
    const user = userEvent.setup();
    setSessionToken('tok_leftover_1');
    server.use(config('emulator', true));
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Forget it' }));
    expect(getSessionToken()).toBeNull();
    await waitFor(() => expect(screen.queryByText(/also holds a pasted token/)).toBeNull());
  });

  it('per user, says the server adds your own sign-in token and offers no paste field', async () => {
    server.use(
      http.get('/_dashboard/config', () =>
        HttpResponse.json({
          mode: 'proxy',
          serverToken: true,
          defaultScope: null,
          auth: { mode: 'per-user', user: { name: 'Alice', initials: 'A' } },
        }),
      ),
      userEndpoint([]),
    );
    renderPage();
    expect(await screen.findByTestId('token-source')).toHaveTextContent('Your own Vercel sign-in');
    expect(screen.getByText(/from your\s+sign-in session/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Vercel token')).not.toBeInTheDocument();
  });

  it('explains a failure to load the server settings', async () => {
    server.use(http.get('/_dashboard/config', () => HttpResponse.error()));
    renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the API');
  });
});

describe('tokenSource', () => {
  it('prefers the server, then the emulator, then the tab', () => {
    const c = (mode: string, serverToken: boolean) => ({ mode, serverToken, defaultScope: null });
    expect(tokenSource(c('proxy', true), 'x')).toBe('server');
    expect(tokenSource(c('emulator', true), 'x')).toBe('emulator');
    expect(tokenSource(c('proxy', false), 'x')).toBe('tab');
    expect(tokenSource(c('proxy', false), null)).toBe('none');
  });

  it("with Sign in with Vercel per user, names the user's own sign-in (even on the emulator)", () => {
    const c = (mode: string, auth: string) => ({
      mode,
      serverToken: true,
      defaultScope: null,
      auth: { mode: auth },
    });
    expect(tokenSource(c('proxy', 'per-user'), null)).toBe('signin');
    expect(tokenSource(c('emulator', 'per-user'), null)).toBe('signin');
    expect(tokenSource(c('proxy', 'allow-list'), null)).toBe('server');
    expect(tokenSource(c('proxy', 'none'), null)).toBe('server');
  });

  it('accepts a pasted "Bearer …" and refuses what cannot be a token', () => {
    expect(pastedTokenProblem('Bearer abcdefgh12')).toBeNull();
    expect(pastedTokenProblem('')).toMatch(/Paste/);
    expect(pastedTokenProblem('short')).toMatch(/too short/);
    expect(pastedTokenProblem('a'.repeat(513))).toMatch(/too long/);
    expect(pastedTokenProblem('abc"defgh')).toMatch(/no spaces/);
  });
});
