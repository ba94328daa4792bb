// The token pasted in a tab goes to the Vercel API mount only: the dashboard server's own
// routes (its config) never receive it.
import { http, HttpResponse } from 'msw';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { server } from '../test/msw-server';
import { apiFetch } from './api-fetch';
import { setSessionToken } from './session-token';

describe('apiFetch and the tab token', () => {
  it('sends it to /api and not to the server routes', async () => {
    const seen: Record<string, string | null> = {};
    server.use(
      http.get('/api/v2/user', ({ request }) => {
        seen.api = request.headers.get('authorization');
        return HttpResponse.json({});
      }),
      http.get('/_dashboard/config', ({ request }) => {
        seen.config = request.headers.get('authorization');
        return HttpResponse.json({});
      }),
    );
    setSessionToken('vcr_tab_token_123');
    await apiFetch('/v2/user', { schema: z.object({}) });
    await apiFetch('/_dashboard/config', { schema: z.object({}), base: '' });
    expect(seen).toEqual({ api: 'Bearer vcr_tab_token_123', config: null });
  });
});
