// The dashboard server's own settings (not part of the Vercel API): backend mode, whether
// the server holds a token, and the default scope.
import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiFetch } from './api-fetch';

const authUserSchema = z.object({
  name: z.string(),
  username: z.optional(z.string()),
  email: z.optional(z.string()),
  initials: z.string(),
});
export type AuthUser = z.infer<typeof authUserSchema>;

export const dashboardConfigSchema = z.object({
  mode: z.string(),
  serverToken: z.boolean(),
  /** ALLOW_WRITES=1 on the server; absent from older servers, which never write. */
  writes: z.optional(z.boolean()),
  defaultScope: z.nullable(
    z.object({ projectId: z.string(), teamId: z.optional(z.string()), source: z.string() }),
  ),
  /** Only in a Vercel deployment: 'demo', 'sign-in', 'shared-token' or 'token-per-tab'. */
  deployment: z.optional(z.string()),
  // Sign in with Vercel: who is signed in (never a token); absent from older servers.
  auth: z.optional(
    z.object({
      mode: z.string(),
      user: z.optional(authUserSchema),
      allowed: z.optional(z.boolean()),
    }),
  ),
});
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

// Outside the /api mount, so it can never be confused with (or forwarded to) the Vercel API.
export const DASHBOARD_CONFIG_PATH = '/_dashboard/config';

export function dashboardConfigQueryOptions() {
  return queryOptions({
    queryKey: ['dashboard-config'] as const,
    queryFn: ({ signal }) =>
      apiFetch(DASHBOARD_CONFIG_PATH, { schema: dashboardConfigSchema, signal, base: '' }),
    staleTime: Infinity,
  });
}
