// The header's way to Recent pushes, carrying the scope of the page it is on (the scope
// gate adds the default one when there is none). Tiny on purpose: the page itself is a lazy
// chunk and this link must not pull it into the first load.
import { Link, useSearchParams } from 'react-router-dom';
import { scopeFromSearchParams } from '../../api/scope';
import { recentPushesPath } from '../scope/paths';

export function PushesHeaderLink() {
  const [params] = useSearchParams();
  const scope = scopeFromSearchParams(params);
  return (
    <Link
      to={scope ? recentPushesPath(scope) : '/pushes'}
      className="inline-flex min-h-6 items-center whitespace-nowrap text-sm underline-offset-4 hover:underline"
    >
      Recent pushes
    </Link>
  );
}
