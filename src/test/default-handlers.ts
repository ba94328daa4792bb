// Answers for requests most pages make in passing (the server's config, a repository's
// visibility and shares), so a test of something else need not declare them. A test's own
// server.use() handlers take precedence; resetHandlers() comes back to these.
import { http, HttpResponse } from 'msw';

export const defaultHandlers = [
  http.get('/_dashboard/config', () =>
    HttpResponse.json({ mode: 'emulator', serverToken: true, defaultScope: null, writes: false }),
  ),
  http.get('/api/v1/vcr/repository/:repo/permissions', () =>
    HttpResponse.json({ permissions: [] }),
  ),
  http.get('/api/v1/vcr/repository/:repo', ({ params }) =>
    HttpResponse.json({
      repository: {
        id: 'repo_default01',
        projectId: 'prj_1',
        name: String(params.repo),
        public: false,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    }),
  ),
];
