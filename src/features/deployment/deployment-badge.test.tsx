import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../test/msw-server';
import { DeploymentBadge } from './deployment-badge';

function renderBadge(config: object) {
  server.use(http.get('/_dashboard/config', () => HttpResponse.json(config)));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <DeploymentBadge />
    </QueryClientProvider>,
  );
  return client;
}

const base = { mode: 'emulator', serverToken: true, defaultScope: null };

describe('DeploymentBadge', () => {
  it('says a demo deployment is a demo, in words a screen reader reads too', async () => {
    renderBadge({ ...base, deployment: 'demo' });
    const badge = await screen.findByText(/^Demo/);
    expect(badge).toHaveTextContent('Demo: sample data from the built-in emulator');
  });

  it('shows nothing for `npm start` on the emulator or a configured deployment', async () => {
    for (const config of [base, { ...base, mode: 'proxy', deployment: 'shared-token' }]) {
      const client = renderBadge(config);
      await vi.waitFor(() =>
        expect(client.getQueryState(['dashboard-config'])?.status).toBe('success'),
      );
      expect(screen.queryByText(/^Demo/)).not.toBeInTheDocument();
    }
  });
});
