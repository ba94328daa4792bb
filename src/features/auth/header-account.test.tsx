import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { explainError } from '../../components/error-panel';
import { server } from '../../test/msw-server';
import { HeaderAccount } from './header-account';

function config(auth: unknown) {
  let calls = 0;
  server.use(
    http.get('/_dashboard/config', () => {
      calls++;
      return HttpResponse.json({
        mode: 'proxy',
        serverToken: true,
        defaultScope: null,
        ...(auth === undefined ? {} : { auth }),
      });
    }),
  );
  return () => calls;
}

function renderHeader() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <HeaderAccount />
      <button type="button">elsewhere</button>
    </QueryClientProvider>,
  );
}

const ADA = { name: 'Ada Lovelace', username: 'ada', email: 'ada@northwind.dev', initials: 'AL' };

describe('HeaderAccount', () => {
  it('shows nothing without sign-in (and an older server without the field)', async () => {
    const calls = config({ mode: 'none' });
    const { container } = renderHeader();
    await waitFor(() => expect(calls()).toBe(1));
    expect(container.querySelector('[data-testid="user-initials"]')).toBeNull();
    expect(screen.queryByRole('button', { name: /Account/ })).not.toBeInTheDocument();
  });

  it('shows who is signed in with initials, and a Sign out form posting to /auth/logout', async () => {
    config({ mode: 'per-user', user: ADA, allowed: true });
    renderHeader();
    const button = await screen.findByRole('button', {
      name: 'Account: signed in as Ada Lovelace (@ada)',
    });
    expect(screen.getByTestId('user-initials')).toHaveTextContent('AL');
    expect(button).toHaveAttribute('aria-expanded', 'false');

    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('ada@northwind.dev')).toBeVisible();
    expect(screen.getByText(/your own Vercel access/)).toBeVisible();
    const signOut = screen.getByRole('button', { name: 'Sign out' });
    const form = signOut.closest('form')!;
    expect(form).toHaveAttribute('method', 'post');
    expect(form).toHaveAttribute('action', '/auth/logout');

    // Escape closes and gives focus back to the menu button.
    await userEvent.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();

    // So does a click elsewhere.
    await userEvent.click(button);
    await userEvent.click(screen.getByRole('button', { name: 'elsewhere' }));
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('describes the allow-list mode', async () => {
    config({ mode: 'allow-list', user: { name: 'Bo', initials: 'BO' } });
    renderHeader();
    await userEvent.click(await screen.findByRole('button', { name: /signed in as Bo/ }));
    expect(screen.getByText(/dashboard's token/)).toBeVisible();
  });
});

describe('errors with sign-in', () => {
  it('a 401 for an ended sign-in links to sign-in with this page as returnTo', () => {
    window.history.pushState({}, '', '/repositories/web/tags/v1?projectId=prj_1&teamId=team_1');
    const e = new ApiError({
      kind: 'http',
      status: 401,
      code: 'session_expired',
      message: 'Your sign-in has ended.',
    });
    const { title, body } = explainError(e);
    expect(title).toBe('Your sign-in has ended');
    render(<div>{body}</div>);
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      `/auth/login?returnTo=${encodeURIComponent('/repositories/web/tags/v1?projectId=prj_1&teamId=team_1')}`,
    );
  });

  it("a 403 from sign-in mode shows the server's explanation naming the team", () => {
    const e = new ApiError({
      kind: 'http',
      status: 403,
      code: 'signin_forbidden',
      message: 'Vercel refused @ada access to team team_1.',
    });
    const { title, body } = explainError(e);
    expect(title).toBe('No access to this scope');
    expect(body).toBe('Vercel refused @ada access to team team_1.');
  });
});
