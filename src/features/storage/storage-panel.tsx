// "Storage and limits" on the repository page: what the repository stores (unique images,
// not tags), what that costs a month, how close it is to the plan's image and tag limits,
// and how often it is pushed to. Lazy-loaded by the tags page: the chart code never reaches
// the tag deep link's chunk.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import { repositoryQueryOptions } from '../../api/get-repository';
import type { Scope } from '../../api/scope';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { Skeleton } from '../../components/skeleton';
import { cn } from '../../lib/cn';
import { formatBytes, formatExactBytes } from '../../lib/format';
import { loadPlan, PLANS, type PlanId } from '../../lib/plan';
import { PushesChart } from './pushes-chart';
import {
  formatDecimalGb,
  formatUsd,
  monthlyCostUsd,
  PRICE_PER_GB_MONTH_USD,
  pushesPerDay,
  storageTotals,
  uniqueImages,
  usageLevel,
  type StorageTotals,
  type UsageLevel,
} from './storage-math';
import { useAllImages } from './use-all-images';

const count = new Intl.NumberFormat();
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

const LEVEL_BAR: Record<UsageLevel, string> = {
  ok: 'bg-info-fg',
  near: 'bg-warning-fg',
  over: 'bg-danger-fg',
};

export function StoragePanel({ scope, repo }: { scope: Scope; repo: string }) {
  // The repository first: when it does not exist the tag list already says so, and there is
  // nothing to count (no need to page through a 404).
  const repository = useQuery(repositoryQueryOptions(scope, repo));
  const all = useAllImages(scope, repo, repository.isSuccess);
  const [plan] = useState<PlanId>(loadPlan);
  const unique = useMemo(() => uniqueImages(all.images), [all.images]);
  const totals = useMemo(() => storageTotals(unique), [unique]);
  const days = useMemo(() => pushesPerDay(unique, Date.now()), [unique]);
  if (isApiError(repository.error) && repository.error.status === 404) return null;
  const error = repository.error ?? (all.query.data ? null : all.query.error);

  return (
    <section
      aria-labelledby="storage-title"
      aria-busy={all.counting}
      className="space-y-4 rounded-lg border border-border p-4"
      data-testid="storage-panel"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="storage-title" className="text-lg font-semibold">
          Storage and limits
        </h2>
        <p className="text-sm text-muted-fg">
          Plan: <strong className="text-fg">{PLANS[plan].label}</strong> (
          <Link to="/settings#plan" className="underline underline-offset-2">
            change in Settings
          </Link>
          )
        </p>
      </div>
      {error ? (
        <ErrorPanel
          error={error}
          onRetry={() => void (repository.isError ? repository.refetch() : all.query.refetch())}
        />
      ) : (
        <>
          <Progress all={all} />
          {!all.query.data ? (
            <Skeleton className="h-40 w-full" />
          ) : (
            <>
              <div className="grid gap-4 md:grid-cols-3">
                <StoredCard totals={totals} />
                <CostCard bytes={totals.bytes} />
                <LimitsCard totals={totals} plan={plan} />
              </div>
              <PushesChart days={days} />
              <p className="text-xs text-muted-fg" id="storage-rules">
                How this is counted: each image once, however many tags point at it; untagged images
                too (they are stored until deleted). An index and its platform images each count
                with the size the API lists. Layers shared between images are stored once by the
                registry, so the real total can be lower. Cost ={' '}
                {formatUsd(PRICE_PER_GB_MONTH_USD, 'en-US')} per GB a month, GB = 10⁹ bytes (how
                Vercel bills); sizes elsewhere are 1024-based (1 MiB = 1,048,576 bytes), as the CLI
                counts them. A push is a new image (re-tagging an image is not one).
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}

function Progress({ all }: { all: ReturnType<typeof useAllImages> }) {
  const failed = all.query.isFetchNextPageError;
  const text = failed
    ? `Counting stopped after ${count.format(all.counted)} images: ${all.query.error?.message ?? 'the API failed'}.`
    : all.capped
      ? `Counted the first ${count.format(all.counted)} images; the figures cover those only.`
      : all.counting
        ? `Counted ${count.format(all.counted)} images so far…`
        : '';
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="storage-progress">
      <p role="status" className={failed ? 'text-danger-fg' : 'text-muted-fg'}>
        {text}
      </p>
      {all.capped ? (
        <Button size="sm" onClick={all.keepCounting}>
          Keep counting
        </Button>
      ) : null}
      {failed ? (
        <Button size="sm" onClick={() => void all.query.fetchNextPage()}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-2 rounded-md bg-surface p-3">
      <h3 className="text-sm text-muted-fg">{title}</h3>
      {children}
    </div>
  );
}

/** A horizontal bar for a share; decoration only, the numbers beside it carry the meaning. */
function Bar({ parts }: { parts: { share: number; className: string }[] }) {
  return (
    <span aria-hidden="true" className="flex h-2 w-full overflow-hidden rounded-full bg-muted">
      {parts.map((p, i) => (
        <span
          key={i}
          className={cn('block h-full', p.className)}
          style={{ width: `${Math.min(1, p.share) * 100}%` }}
        />
      ))}
    </span>
  );
}

function StoredCard({ totals }: { totals: StorageTotals }) {
  const tagged = totals.bytes - totals.untaggedBytes;
  const share = (n: number) => (totals.bytes > 0 ? n / totals.bytes : 0);
  return (
    <Card title="Stored">
      <p
        className="text-2xl font-semibold tabular-nums"
        title={formatExactBytes(totals.bytes)}
        data-testid="stored-bytes"
      >
        {formatBytes(totals.bytes)}
      </p>
      <p className="text-xs text-muted-fg">
        {formatExactBytes(totals.bytes)} in {count.format(totals.images)}{' '}
        {totals.images === 1 ? 'image' : 'images'}
        <a href="#storage-rules" className="ml-0.5 underline" aria-label="How this is counted">
          *
        </a>
      </p>
      <Bar
        parts={[
          { share: share(tagged), className: 'bg-info-fg' },
          { share: share(totals.untaggedBytes), className: 'bg-muted-fg' },
        ]}
      />
      <ul className="space-y-0.5 text-xs">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-2 rounded-full bg-info-fg" />
          <span title={formatExactBytes(tagged)}>Tagged: {formatBytes(tagged)}</span>
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-2 rounded-full bg-muted-fg" />
          <span title={formatExactBytes(totals.untaggedBytes)}>
            Untagged ({count.format(totals.untaggedImages)}): {formatBytes(totals.untaggedBytes)}
          </span>
        </li>
      </ul>
    </Card>
  );
}

// The one place a size is in decimal GB: it is how Vercel bills, and it says so (10⁹ bytes).
function CostCard({ bytes }: { bytes: number }) {
  return (
    <Card title="Estimated cost">
      <p className="text-2xl font-semibold tabular-nums" data-testid="storage-cost">
        {formatUsd(monthlyCostUsd(bytes))}
        <span className="text-sm font-normal text-muted-fg"> / month</span>
      </p>
      <p className="text-xs text-muted-fg">
        {formatDecimalGb(bytes)} × {formatUsd(PRICE_PER_GB_MONTH_USD)} per GB (10⁹ bytes) a month,
        storage only.
      </p>
    </Card>
  );
}

function LimitsCard({ totals, plan }: { totals: StorageTotals; plan: PlanId }) {
  const limits = PLANS[plan];
  return (
    <Card title={`Limits on ${limits.label}`}>
      <ul className="space-y-3">
        <Meter label="Images" used={totals.images} limit={limits.images} />
        <Meter label="Tags" used={totals.tags} limit={limits.tags} />
      </ul>
    </Card>
  );
}

function Meter({ label, used, limit }: { label: string; used: number; limit: number }) {
  const level = usageLevel(used, limit);
  return (
    <li className="space-y-1" data-testid={`limit-${label.toLowerCase()}`}>
      <p className="flex justify-between gap-2 text-sm">
        <span>{label}</span>
        <span className="tabular-nums">
          {count.format(used)} of {count.format(limit)} ({percent.format(used / limit)})
        </span>
      </p>
      <Bar parts={[{ share: used / limit, className: LEVEL_BAR[level] }]} />
      {level === 'ok' ? null : (
        <p className={cn('text-xs', level === 'over' ? 'text-danger-fg' : 'text-warning-fg')}>
          {level === 'over'
            ? `At the ${label.toLowerCase()} limit: pushes that add ${label.toLowerCase()} fail until some are deleted.`
            : `Near the limit: consider deleting untagged or old images.`}
        </p>
      )}
    </li>
  );
}
