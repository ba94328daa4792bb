import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { loadRecentScopes, rememberScope } from '../../lib/recent-scopes';
import { server } from '../../test/msw-server';
import { ScopePage } from './scope-page';
import { parseScopeForm } from './scope-form-logic';
import { renderAt } from './test-render';

const routes = (
  <>
    <Route path="/" element={<ScopePage />} />
    <Route path="/repositories" element={<p>repositories page</p>} />
    <Route path="/repositories/:repo/tags/:tag" element={<p>tag page</p>} />
    <Route path="/repositories/:repo/images/:id" element={<p>image page</p>} />
  </>
);

function config(defaultScope: unknown) {
  return http.get('/_dashboard/config', () =>
    HttpResponse.json({ mode: 'emulator', serverToken: true, defaultScope }),
  );
}
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('parseScopeForm', () => {
  it('takes a team id or a slug, each in its own API parameter', () => {
    expect(parseScopeForm(' prj_1 ', 'team_abc')).toEqual({
      ok: true,
      scope: { projectId: 'prj_1', teamId: 'team_abc' },
    });
    expect(parseScopeForm('storefront', 'acme')).toEqual({
      ok: true,
      scope: { projectId: 'storefront', slug: 'acme' },
    });
    expect(parseScopeForm('prj_1', '')).toEqual({ ok: true, scope: { projectId: 'prj_1' } });
  });
  it('explains each bad field', () => {
    expect(parseScopeForm('', 'Acme!')).toEqual({
      ok: false,
      errors: {
        project: 'Enter a project id (prj_…) or the project name.',
        team: '"Acme!" is neither a team id (team_…) nor a team slug (lowercase letters, digits and dashes).',
      },
    });
    const bad = parseScopeForm('prj 1', 'team_');
    expect(bad.ok === false && bad.errors.project).toMatch(/cannot be a project id/);
    expect(bad.ok === false && bad.errors.team).toMatch(/cannot be a team id/);
  });
});

describe('ScopePage', () => {
  it('lands on the default project’s repositories when nothing was chosen before', async () => {
    server.use(config({ projectId: 'prj_d', teamId: 'team_d', source: 'env' }));
    renderAt('/', routes);
    expect(await screen.findByText('repositories page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/repositories?projectId=prj_d&teamId=team_d',
    );
  });

  it('shows the form (and the default) when asked to change scope', async () => {
    server.use(config({ projectId: 'prj_d', source: 'vercel-project-json' }));
    renderAt('/?choose', routes);
    expect(await screen.findByText(/from \.vercel\/project\.json/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Open a project' })).toBeInTheDocument();
  });

  it('validates, then opens the project and remembers it', async () => {
    server.use(config(null));
    const user = userEvent.setup();
    renderAt('/', routes);
    await user.click(await screen.findByRole('button', { name: 'Show repositories' }));
    const project = screen.getByLabelText('Project id or name');
    expect(project).toHaveAccessibleDescription('Enter a project id (prj_…) or the project name.');
    expect(project).toHaveAttribute('aria-invalid', 'true');
    await user.type(project, 'prj_1');
    await user.type(screen.getByLabelText(/Team id or slug/), 'acme');
    await user.click(screen.getByRole('button', { name: 'Show repositories' }));
    expect(await screen.findByText('repositories page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/repositories?projectId=prj_1&slug=acme',
    );
    expect(loadRecentScopes()).toMatchObject([{ projectId: 'prj_1', slug: 'acme' }]);
  });

  it('lists recent scopes instead of redirecting, and forgets one on request', async () => {
    server.use(config({ projectId: 'prj_d', source: 'emulator' }));
    rememberScope({ projectId: 'prj_old', teamId: 'team_old' });
    const user = userEvent.setup();
    renderAt('/', routes);
    const link = await screen.findByRole('link', { name: 'prj_old in team_old' });
    expect(link).toHaveAttribute('href', '/repositories?projectId=prj_old&teamId=team_old');
    await user.click(screen.getByRole('button', { name: 'Forget prj_old in team_old' }));
    expect(screen.queryByRole('link', { name: 'prj_old in team_old' })).not.toBeInTheDocument();
    expect(loadRecentScopes()).toEqual([]);
  });

  it('opens a pasted tag reference after resolving the project name', async () => {
    server.use(config(null));
    let lookup = '';
    server.use(
      http.get('/api/v9/projects/:idOrName', ({ request, params }) => {
        lookup = `${String(params.idOrName)}?${new URL(request.url).searchParams.toString()}`;
        return HttpResponse.json({ id: 'prj_sf', name: 'storefront', accountId: 'team_acme' });
      }),
    );
    const user = userEvent.setup();
    renderAt('/', routes);
    await user.type(
      await screen.findByLabelText('Image reference'),
      'docker pull vcr.vercel.com/acme/storefront/web-app:v1',
    );
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByText('tag page')).toBeInTheDocument();
    expect(lookup).toBe('storefront?slug=acme');
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/repositories/web-app/tags/v1?projectId=prj_sf&slug=acme',
    );
  });

  it('opens a digest reference on the image page', async () => {
    server.use(config(null));
    server.use(
      http.get('/api/v9/projects/:idOrName', () =>
        HttpResponse.json({ id: 'prj_sf', name: 'storefront' }),
      ),
    );
    const user = userEvent.setup();
    renderAt('/', routes);
    await user.type(
      await screen.findByLabelText('Image reference'),
      `vcr.vercel.com/acme/storefront/web-app@${DIGEST}`,
    );
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByText('image page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      `/repositories/web-app/images/${encodeURIComponent(DIGEST)}?projectId=prj_sf&slug=acme`,
    );
  });

  it('explains a malformed reference without any request, and an unknown project after one', async () => {
    server.use(config(null));
    const user = userEvent.setup();
    renderAt('/', routes);
    const input = await screen.findByLabelText('Image reference');
    await user.type(input, 'vcr.vercel.com/acme/storefront/web-app');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(input).toHaveAccessibleDescription(/names no tag or digest/);
    server.use(
      http.get('/api/v9/projects/:idOrName', () =>
        HttpResponse.json(
          { error: { code: 'not_found', message: 'Project not found' } },
          { status: 404 },
        ),
      ),
    );
    await user.type(input, ':latest');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() =>
      expect(input).toHaveAccessibleDescription(
        'Project "storefront" was not found in team "acme".',
      ),
    );
  });

  it('accepts a reference pasted into the project field', async () => {
    server.use(config(null));
    server.use(
      http.get('/api/v9/projects/:idOrName', () =>
        HttpResponse.json({ id: 'prj_sf', name: 'storefront' }),
      ),
    );
    const user = userEvent.setup();
    renderAt('/', routes);
    await user.type(
      await screen.findByLabelText('Project id or name'),
      'vcr.vercel.com/acme/storefront/web-app:v2',
    );
    await user.click(screen.getByRole('button', { name: 'Show repositories' }));
    expect(await screen.findByText('tag page')).toBeInTheDocument();
  });
});
