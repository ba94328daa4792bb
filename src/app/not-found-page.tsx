import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <section aria-labelledby="nf-title" className="space-y-3">
      <h1 id="nf-title" className="text-2xl font-semibold">
        Page not found
      </h1>
      <p className="text-muted-fg">This address does not match any page of the dashboard.</p>
      <Link to="/" className="underline">
        Go to the start page
      </Link>
    </section>
  );
}
