// Routes. Declarative mode on purpose: react-router's data router costs ~17 kB gzip more,
// and the tag detail deep link's JS budget is 100 kB on the wire. The tag detail page is in
// the main chunk so it renders without another round trip; the other pages are lazy chunks.
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RootLayout } from './root-layout';
import { NotFoundPage } from './not-found-page';
import { TagDetailPage } from '../features/tag-detail/tag-detail-page';
import { ScopeGate } from '../features/scope/scope-gate';

// Browse pages load on demand: the tag detail deep link must not pay for them.
const ScopePage = lazy(() =>
  import('../features/scope/scope-page').then((m) => ({ default: m.ScopePage })),
);
const RepositoriesPage = lazy(() =>
  import('../features/repositories/repositories-page').then((m) => ({
    default: m.RepositoriesPage,
  })),
);
const TagsPage = lazy(() =>
  import('../features/tags/tags-page').then((m) => ({ default: m.TagsPage })),
);
const ImagesPage = lazy(() =>
  import('../features/images/images-page').then((m) => ({ default: m.ImagesPage })),
);
const ImageDetailPage = lazy(() =>
  import('../features/images/image-detail-page').then((m) => ({ default: m.ImageDetailPage })),
);

const RecentPushesPage = lazy(() =>
  import('../features/recent-pushes/recent-pushes-page').then((m) => ({
    default: m.RecentPushesPage,
  })),
);

const SettingsPage = lazy(() =>
  import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage })),
);

function Lazy({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p role="status" className="text-sm text-muted-fg">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RootLayout />}>
        {/* Feature routes are added here. */}
        {/* A tag link without a scope gets the default one too; without a default, the tag
            page says what the link lacks. */}
        <Route
          path="repositories/:repo/tags/:tag"
          element={
            <ScopeGate withoutDefault={<TagDetailPage />}>
              <TagDetailPage />
            </ScopeGate>
          }
        />
        <Route
          index
          element={
            <Lazy>
              <ScopePage />
            </Lazy>
          }
        />
        {/* Browse URLs without a projectId get the server's default scope added. */}
        <Route element={<ScopeGate />}>
          <Route
            path="repositories"
            element={
              <Lazy>
                <RepositoriesPage />
              </Lazy>
            }
          />
          <Route
            path="repositories/:repo"
            element={
              <Lazy>
                <TagsPage />
              </Lazy>
            }
          />
          <Route
            path="repositories/:repo/images"
            element={
              <Lazy>
                <ImagesPage />
              </Lazy>
            }
          />
          <Route
            path="repositories/:repo/images/:imageId"
            element={
              <Lazy>
                <ImageDetailPage />
              </Lazy>
            }
          />
          <Route
            path="pushes"
            element={
              <Lazy>
                <RecentPushesPage />
              </Lazy>
            }
          />
        </Route>
        <Route
          path="settings"
          element={
            <Lazy>
              <SettingsPage />
            </Lazy>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
