// The image delete control, for pages that must stay small (the tag deep link): only this
// stub is in their chunk; the control, its dialog and Radix load when the server allows
// writes, after the page is on screen.
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { dashboardConfigQueryOptions } from '../../api/dashboard-config';
import type { DeleteImageActionProps } from './delete-image-action';

const DeleteImageAction = lazy(() =>
  import('./delete-image-action').then((m) => ({ default: m.DeleteImageAction })),
);

export function LazyDeleteImageAction({
  enabled = true,
  ...props
}: DeleteImageActionProps & { enabled?: boolean }) {
  const config = useQuery({ ...dashboardConfigQueryOptions(), enabled });
  if (config.data?.writes !== true) return null;
  return (
    <Suspense fallback={null}>
      <DeleteImageAction {...props} />
    </Suspense>
  );
}
