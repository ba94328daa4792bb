// Routes. Declarative mode on purpose: react-router's data router costs ~17 kB gzip more,
// and the tag detail budget is 110 kB. The tag detail page is in the main chunk so its
// request starts on first render; the other pages are lazy chunks.
import { Route, Routes } from 'react-router-dom';
import { RootLayout } from './root-layout';
import { NotFoundPage } from './not-found-page';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RootLayout />}>
        {/* Feature routes are added here. */}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
