import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { server } from '../../test/msw-server';
import { ScopeGate } from './scope-gate';
import { renderAt } from './test-render';

const routes = (
  <Route element={<ScopeGate />}>
    <Route path="/repositories/:repo" element={<p>tags page</p>} />
  </Route>
);

function config(defaultScope: unknown) {
  return http.get('/_dashboard/config', () =>
    HttpResponse.json({ mode: 'emulator', serverToken: true, defaultScope }),
  );
}

describe('ScopeGate', () => {
  it('adds the default scope to a URL without one, keeping the rest of the query', async () => {
    server.use(config({ projectId: 'prj_env', teamId: 'team_env', source: 'env' }));
    renderAt('/repositories/web?sort=name', routes);
    expect(await screen.findByText('tags page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/repositories/web?sort=name&projectId=prj_env&teamId=team_env',
    );
  });

  it('lets a URL with a scope through without asking the server', async () => {
    // No handler for /_dashboard/config: a request would fail the test.
    renderAt('/repositories/web?projectId=prj_1', routes);
    expect(await screen.findByText('tags page')).toBeInTheDocument();
  });

  it('asks for a project when the server has no default', async () => {
    server.use(config(null));
    renderAt('/repositories/web', routes);
    expect(await screen.findByRole('heading', { name: 'Which project?' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Choose a project' })).toHaveAttribute('href', '/');
  });
});

describe('ScopeGate around one page (the tag deep link)', () => {
  const tagRoutes = (
    <Route
      path="/repositories/:repo/tags/:tag"
      element={
        <ScopeGate withoutDefault={<p>This link cannot be opened</p>}>
          <p>tag page</p>
        </ScopeGate>
      }
    />
  );

  it('adds the default scope and shows the page under the full URL', async () => {
    server.use(config({ projectId: 'prj_env', teamId: 'team_env', source: 'env' }));
    renderAt('/repositories/web/tags/v1', tagRoutes);
    expect(await screen.findByText('tag page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/repositories/web/tags/v1?projectId=prj_env&teamId=team_env',
    );
  });

  it('keeps a slug instead of adding the default team', async () => {
    server.use(config({ projectId: 'prj_env', teamId: 'team_env', source: 'env' }));
    renderAt('/repositories/web/tags/v1?slug=acme', tagRoutes);
    expect(await screen.findByText('tag page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/repositories/web/tags/v1?slug=acme&projectId=prj_env',
    );
  });

  it("shows the page's own answer when the server has no default", async () => {
    server.use(config(null));
    renderAt('/repositories/web/tags/v1', tagRoutes);
    expect(await screen.findByText('This link cannot be opened')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Which project?' })).not.toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/repositories\/web\/tags\/v1$/);
  });

  it('shows the page at once when the URL has a scope', async () => {
    renderAt('/repositories/web/tags/v1?projectId=prj_1', tagRoutes);
    expect(await screen.findByText('tag page')).toBeInTheDocument();
  });
});
