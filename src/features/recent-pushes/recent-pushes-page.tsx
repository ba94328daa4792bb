// Recent pushes: every tag created or moved in a window across a project's repositories,
// one row per image, live while preparing, with one notification for the lot.
import { useSearchParams } from 'react-router-dom';
import { scopeFromSearchParams, type Scope } from '../../api/scope';
import { Breadcrumbs } from '../../components/breadcrumbs';
import { Button } from '../../components/button';
import { ColumnHeaders } from '../../components/column-headers';
import { ErrorPanel } from '../../components/error-panel';
import { Skeleton } from '../../components/skeleton';
import { describeScope } from '../scope/scope-form-logic';
import { repositoriesPath } from '../scope/paths';
import { useDocumentTitle } from '../scope/use-document-title';
import { FaultRowView, PUSH_COLUMNS, PushRowView } from './push-row';
import {
  PUSH_WINDOWS,
  STATUS_FILTERS,
  applyViewToSearchParams,
  effectiveStatus,
  matchesView,
  viewFromSearchParams,
  type PushesView,
} from './recent-pushes-logic';
import { useIndexProgress } from './use-index-progress';
import { useRecentPushes } from './use-recent-pushes';
import { useRovingRows } from './use-roving-rows';
import { useWatchNotification, type WatchItem } from './use-watch-notification';

export function RecentPushesPage() {
  const [params, setParams] = useSearchParams();
  const scope = scopeFromSearchParams(params);
  // The scope gate guarantees a projectId; this only guards direct use.
  return scope ? (
    <RecentPushes
      scope={scope}
      view={viewFromSearchParams(params)}
      onViewChange={(patch) =>
        setParams(
          (prev) => applyViewToSearchParams(prev, { ...viewFromSearchParams(prev), ...patch }),
          { replace: true },
        )
      }
    />
  ) : null;
}

function RecentPushes({
  scope,
  view,
  onViewChange,
}: {
  scope: Scope;
  view: PushesView;
  onViewChange: (patch: Partial<PushesView>) => void;
}) {
  const { repositories, rows, faults, loading, visible } = useRecentPushes(
    scope,
    PUSH_WINDOWS[view.window].ms,
  );
  const progress = useIndexProgress(scope, rows, visible);
  const shown = rows.filter((r) => matchesView(r, view, progress.get(r.key)));
  const shownFaults = faults.filter((f) => !view.repo || f.repository === view.repo);

  const items: WatchItem[] = rows.map((r) => {
    const p = progress.get(r.key);
    return {
      key: r.key,
      label: `${r.repository}:${r.tags.join(', ')}`,
      preparing: effectiveStatus(r, p) === 'preparing',
      kind: r.kind,
      status: r.status,
      platform: r.platform,
      arch: r.arch,
      unoptimizedPlatforms: p?.unoptimized ?? [],
    };
  });
  const watch = useWatchNotification(items);
  const preparingCount = items.filter((i) => i.preparing).length;
  useDocumentTitle(
    watch.phase === 'watching'
      ? `Preparing ${watch.remaining} · Recent pushes`
      : watch.phase === 'done'
        ? 'Ready · Recent pushes'
        : 'Recent pushes',
  );
  const roving = useRovingRows(shown.length);
  const repoNames = (repositories.data ?? []).map((r) => r.name);

  return (
    <section aria-labelledby="pushes-title" className="space-y-4">
      <Breadcrumbs
        items={[{ label: 'Repositories', to: repositoriesPath(scope) }, { label: 'Recent pushes' }]}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="pushes-title" className="text-2xl font-semibold">
            Recent pushes
          </h1>
          <p className="text-sm text-muted-fg">
            Every tag pushed or moved in project {describeScope(scope)}, one row per image.
          </p>
        </div>
        <WatchControl watch={watch} preparingCount={preparingCount} />
      </div>

      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter pushes">
        <Select
          label="Window"
          value={view.window}
          options={Object.entries(PUSH_WINDOWS).map(([v, w]) => [v, w.label])}
          onChange={(v) => onViewChange({ window: v as PushesView['window'] })}
        />
        <Select
          label="Status"
          value={view.status}
          options={Object.entries(STATUS_FILTERS)}
          onChange={(v) => onViewChange({ status: v as PushesView['status'] })}
        />
        <Select
          label="Repository"
          value={view.repo}
          options={[
            ['', 'All repositories'],
            ...[...new Set([...repoNames, ...(view.repo ? [view.repo] : [])])].map(
              (n) => [n, n] as [string, string],
            ),
          ]}
          onChange={(v) => onViewChange({ repo: v })}
        />
      </div>

      <p role="status" aria-live="polite" className="sr-only">
        {watch.announcement}
      </p>

      {repositories.isPending || (loading && shown.length === 0) ? (
        <div
          role="status"
          aria-busy="true"
          className="space-y-2 rounded-lg border border-border p-3"
        >
          <span className="sr-only">Loading recent pushes…</span>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-6 w-full" />
          ))}
        </div>
      ) : repositories.isError && !repositories.data ? (
        <ErrorPanel
          error={repositories.error}
          scope={scope}
          notFoundMessage={`Project ${scope.projectId} was not found, or the Container Registry is not enabled for it.`}
          backLink={{ to: '/?choose', label: 'Choose another project' }}
          retrying={repositories.isFetching}
          onRetry={() => void repositories.refetch()}
        />
      ) : shown.length === 0 && shownFaults.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border p-8 text-center text-sm text-muted-fg">
          <p className="font-medium text-fg">
            No pushes {view.status !== 'all' || view.repo ? 'match these filters ' : ''}in the{' '}
            {PUSH_WINDOWS[view.window].label.toLowerCase()}.
          </p>
          <p className="mt-1">New pushes appear here as they happen.</p>
        </div>
      ) : (
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">
            Pushes in the {PUSH_WINDOWS[view.window].label.toLowerCase()}, newest first. Use the
            arrow keys to move between rows.
          </caption>
          <thead className="bg-surface text-left text-xs uppercase tracking-wide text-muted-fg">
            <tr>
              <ColumnHeaders columns={PUSH_COLUMNS} />
            </tr>
          </thead>
          <tbody onKeyDown={roving.onKeyDown}>
            {shownFaults.map((f) => (
              <FaultRowView key={`fault:${f.repository}`} fault={f} scope={scope} />
            ))}
            {shown.map((r, i) => (
              <PushRowView
                key={r.key}
                row={r}
                progress={progress.get(r.key)}
                scope={scope}
                active={i === roving.active}
                onFocusRow={() => roving.setActive(i)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-muted-fg">{label}</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-border bg-bg px-2 text-fg"
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

function WatchControl({
  watch,
  preparingCount,
}: {
  watch: ReturnType<typeof useWatchNotification>;
  preparingCount: number;
}) {
  if (watch.phase === 'watching') {
    return (
      <div className="flex items-center gap-2 text-sm">
        <span data-testid="watch-state">
          Waiting for {watch.remaining} of {watch.watchedCount}
          {watch.permission === 'denied' ? ' (notifications are blocked: title and icon only)' : ''}
        </span>
        <Button size="sm" variant="ghost" onClick={watch.stop}>
          Stop watching
        </Button>
      </div>
    );
  }
  return (
    <div className="flex items-center gap-2 text-sm">
      {watch.phase === 'done' ? (
        <span data-testid="watch-state" className="text-muted-fg">
          All watched images have left preparing.
        </span>
      ) : null}
      <Button
        variant="primary"
        disabled={preparingCount === 0}
        onClick={() => void watch.start()}
        title={preparingCount === 0 ? 'Nothing shown is preparing' : undefined}
      >
        Notify me when these are ready
      </Button>
    </div>
  );
}
