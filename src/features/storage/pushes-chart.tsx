// Pushes per day over the last 30 days, as a column chart.
//
// Why d3-scale in plain React SVG rather than a chart library: d3-scale is maintained,
// tree-shakes to the two scales used here, and leaves the DOM to React, so every mark is an
// SVG element styled with the semantic colour tokens (fill-info-fg…) and follows light/dark
// with no redraw; a canvas library (uPlot, Chart.js) needs resolved colours and draws pixels
// a screen reader cannot reach. The chart is in the storage panel's lazy chunk only.
//
// Accessibility: the figure's caption says the gist in a sentence; the whole series is in a
// table below (visible on request, always read by screen readers); the plot itself takes
// focus and the arrow keys move a tooltip from day to day, announced as it moves.
import { scaleBand, scaleLinear } from 'd3-scale';
import { useId, useState, type KeyboardEvent } from 'react';
import type { DayBucket } from './storage-math';

const W = 600;
const H = 150;
const M = { top: 10, right: 8, bottom: 22, left: 28 };

const dayFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const fullDayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

function pushesText(count: number): string {
  return `${count} ${count === 1 ? 'image' : 'images'} pushed`;
}

export function describeDay(d: DayBucket): string {
  return `${fullDayFormat.format(d.day)}: ${pushesText(d.count)}`;
}

export function pushesSummary(days: readonly DayBucket[]): string {
  const total = days.reduce((n, d) => n + d.count, 0);
  if (total === 0) return `No images pushed in the last ${days.length} days.`;
  const busiest = days.reduce((a, b) => (b.count > a.count ? b : a));
  return `${total} ${total === 1 ? 'image' : 'images'} pushed in the last ${days.length} days; the busiest day was ${fullDayFormat.format(busiest.day)} with ${busiest.count}.`;
}

export function PushesChart({ days }: { days: readonly DayBucket[] }) {
  const id = useId();
  const [active, setActive] = useState<number | null>(null);
  const max = Math.max(1, ...days.map((d) => d.count));
  const x = scaleBand<number>()
    .domain(days.map((_, i) => i))
    .range([M.left, W - M.right])
    .paddingInner(0.2);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([H - M.bottom, M.top]);
  const ticks = y.ticks(Math.min(4, max)).filter(Number.isInteger);
  const labelEvery = Math.ceil(days.length / 6);

  function onKeyDown(e: KeyboardEvent) {
    const last = days.length - 1;
    const next =
      e.key === 'ArrowLeft'
        ? Math.max(0, (active ?? last + 1) - 1)
        : e.key === 'ArrowRight'
          ? Math.min(last, (active ?? -1) + 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) {
      if (e.key === 'Escape') setActive(null);
      return;
    }
    e.preventDefault();
    setActive(next);
  }

  const current = active === null ? null : days[active];
  return (
    <figure className="space-y-2" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm">
        <span className="font-medium">Pushes per day</span>{' '}
        <span className="text-muted-fg">(last {days.length} days, UTC)</span>
        <span className="block text-muted-fg" data-testid="pushes-summary">
          {pushesSummary(days)}
        </span>
      </figcaption>
      <div className="relative max-w-2xl">
        <div
          tabIndex={0}
          role="group"
          aria-label="Pushes per day chart: use the left and right arrow keys to read each day"
          aria-describedby={`${id}-caption`}
          onKeyDown={onKeyDown}
          onFocus={() => setActive((a) => a ?? days.length - 1)}
          onBlur={() => setActive(null)}
          onMouseLeave={() => setActive(null)}
          className="rounded-md"
        >
          <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" aria-hidden="true">
            {ticks.map((t) => (
              <g key={t}>
                <line
                  x1={M.left}
                  x2={W - M.right}
                  y1={y(t)}
                  y2={y(t)}
                  className="stroke-border"
                  strokeWidth={1}
                />
                <text
                  x={M.left - 6}
                  y={y(t)}
                  dy="0.32em"
                  textAnchor="end"
                  className="fill-muted-fg text-[11px]"
                >
                  {t}
                </text>
              </g>
            ))}
            {days.map((d, i) => {
              const top = y(d.count);
              return (
                <g key={d.day} onMouseEnter={() => setActive(i)}>
                  {/* A full-height hit area, so a day with no pushes still has a tooltip. */}
                  <rect
                    x={x(i)}
                    y={M.top}
                    width={x.bandwidth()}
                    height={H - M.bottom - M.top}
                    className={active === i ? 'fill-muted' : 'fill-transparent'}
                  />
                  <rect
                    data-testid="push-bar"
                    x={x(i)}
                    y={top}
                    width={x.bandwidth()}
                    height={Math.max(0, H - M.bottom - top)}
                    rx={1.5}
                    className={active === i ? 'fill-accent' : 'fill-info-fg'}
                  />
                  {i % labelEvery === 0 || i === days.length - 1 ? (
                    <text
                      // The last label ends at its bar so it is not cut at the edge.
                      x={(x(i) ?? 0) + (i === days.length - 1 ? x.bandwidth() : x.bandwidth() / 2)}
                      y={H - 6}
                      textAnchor={i === days.length - 1 ? 'end' : 'middle'}
                      className="fill-muted-fg text-[11px]"
                    >
                      {dayFormat.format(d.day)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
        </div>
        <p
          role="status"
          aria-live="polite"
          className={
            current
              ? 'pointer-events-none absolute top-0 -translate-x-1/2 whitespace-nowrap rounded-md border border-border bg-bg px-2 py-1 text-xs shadow'
              : 'sr-only'
          }
          // Above the active day, kept inside the chart at both ends.
          style={
            active === null
              ? undefined
              : {
                  left: `${Math.min(85, Math.max(15, (((x(active) ?? 0) + x.bandwidth() / 2) / W) * 100))}%`,
                }
          }
          data-testid="pushes-tooltip"
        >
          {current ? describeDay(current) : ''}
        </p>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-fg underline-offset-2 hover:underline">
          Show as a table
        </summary>
        <PushesTable days={days} />
      </details>
    </figure>
  );
}

function PushesTable({ days }: { days: readonly DayBucket[] }) {
  return (
    <table className="mt-2 w-full max-w-sm border-collapse text-sm">
      <caption className="sr-only">Images pushed per day, last {days.length} days (UTC)</caption>
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-muted-fg">
          <th scope="col" className="py-1">
            Day (UTC)
          </th>
          <th scope="col" className="py-1 text-right">
            Images pushed
          </th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <tr key={d.day} className="border-t border-border">
            <td className="py-1">
              <time dateTime={d.date}>{fullDayFormat.format(d.day)}</time>
            </td>
            <td className="py-1 text-right tabular-nums">{d.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
