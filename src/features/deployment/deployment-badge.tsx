// Says so in the header when this is a public demo deployment (a Vercel deployment with no
// configuration): the data is the built-in emulator's, and each server instance has its own.
// Renders nothing anywhere else, including `npm start` on the emulator, where it is expected.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { dashboardConfigQueryOptions } from '../../api/dashboard-config';

export function DeploymentBadge() {
  // Asked for only after the page's own first requests are on their way: a tag deep link
  // must not wait, even a little, for a badge.
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(true));
    return () => clearTimeout(timer);
  }, []);
  const config = useQuery({ ...dashboardConfigQueryOptions(), enabled: asked });
  if (config.data?.deployment !== 'demo') return null;
  return (
    <p
      className="rounded-full border border-border bg-warning px-2 py-0.5 text-xs font-medium text-warning-fg"
      title="Sample data from the built-in emulator; it resets whenever a server instance starts."
    >
      Demo
      <span className="sr-only">: sample data from the built-in emulator, not a real registry</span>
    </p>
  );
}
