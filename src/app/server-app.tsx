// The app as the server renders it for one URL (server/ssr). Not imported by the client entry,
// so StaticRouter stays out of the browser's bundle.
import type { ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { StaticRouter } from 'react-router-dom';
import type { RenderInfo } from '../lib/render-context';
import { AppTree } from './app-tree';

export function ServerApp({
  client,
  renderInfo,
  location,
}: {
  client: QueryClient;
  renderInfo: RenderInfo;
  /** Path and query of the request. */
  location: string;
}) {
  const Router = ({ children }: { children: ReactNode }) => (
    <StaticRouter location={location}>{children}</StaticRouter>
  );
  return <AppTree client={client} renderInfo={renderInfo} router={Router} />;
}
