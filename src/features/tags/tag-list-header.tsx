// The tag list's title, with the way back to the repositories and across to the images,
// which hold what the tags point at (and what no tag points at).
import { Link } from 'react-router-dom';
import type { Scope } from '../../api/scope';
import { Breadcrumbs } from '../../components/breadcrumbs';
import { imagesPath, repositoriesPath } from '../scope/paths';

export function TagListHeader({ scope, repo }: { scope: Scope; repo: string }) {
  return (
    <>
      <Breadcrumbs
        items={[{ label: 'Repositories', to: repositoriesPath(scope) }, { label: repo }]}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="tags-title" className="text-2xl font-semibold">
          {repo}
        </h1>
        <div className="flex gap-3 text-sm">
          <Link to={imagesPath(scope, repo, false)} className="underline underline-offset-2">
            All images
          </Link>
          <Link to={imagesPath(scope, repo, true)} className="underline underline-offset-2">
            Untagged images
          </Link>
        </div>
      </div>
    </>
  );
}
