// The build history, oldest layer first: each instruction with its argument, what it means
// when that is not obvious, and its size as a bar so the heavy layers stand out at a glance.
import type { ImageLayer } from '../../api/schemas';
import { ColumnHeaders } from '../../components/column-headers';
import { formatBytes, formatExactBytes } from '../../lib/format';
import { layerDetail, layerNote, layerOperation, layerShares } from './layer-logic';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

function shareLabel(share: number): string {
  return share > 0 && share < 0.005 ? '<1%' : percent.format(share);
}

export function LayersTable({ layers }: { layers: readonly ImageLayer[] }) {
  const shares = layerShares(layers);
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">
          Build history, oldest layer first, with each layer’s share of the layers’ total size
        </caption>
        <thead className="bg-surface text-left text-xs uppercase tracking-wide text-muted-fg">
          <tr>
            <ColumnHeaders
              columns={[
                { label: '#' },
                { label: 'Instruction' },
                { label: 'Command or value' },
                { label: 'Size', numeric: true },
                { label: 'Share of layers' },
              ]}
            />
          </tr>
        </thead>
        <tbody>
          {layers.map((layer, i) => {
            const op = layerOperation(layer);
            const note = layerNote(layer);
            const share = shares[i] ?? null;
            return (
              <tr key={`${i}-${layer.digest ?? ''}`} className="border-t border-border align-top">
                <td className="px-3 py-2 tabular-nums text-muted-fg">{i + 1}</td>
                <td className="px-3 py-2 font-mono text-xs font-semibold">{op}</td>
                <td className="px-3 py-2">
                  <code className="whitespace-pre-wrap break-all font-mono text-xs">
                    {layerDetail(layer)}
                  </code>
                  {op === 'FROM' && layer.collapsedLayerCount ? (
                    <p className="text-xs text-muted-fg">
                      {layer.collapsedLayerCount} base image layers collapsed into this row
                    </p>
                  ) : null}
                  {note ? <p className="text-xs text-muted-fg">{note}</p> : null}
                </td>
                <td
                  className="whitespace-nowrap px-3 py-2 text-right tabular-nums"
                  title={layer.sizeBytes == null ? undefined : formatExactBytes(layer.sizeBytes)}
                >
                  {layer.sizeBytes == null ? '–' : formatBytes(layer.sizeBytes)}
                </td>
                <td className="px-3 py-2">
                  {share == null ? (
                    <span className="text-muted-fg">–</span>
                  ) : (
                    <span className="flex items-center gap-2">
                      {/* The bar is decoration; the percentage beside it is what is read out. */}
                      <span
                        aria-hidden="true"
                        data-testid="layer-bar"
                        className="block h-2 w-24 shrink-0 overflow-hidden rounded-full bg-muted sm:w-40"
                      >
                        <span
                          className="block h-full rounded-full bg-info-fg"
                          style={{
                            width: `${share * 100}%`,
                            minWidth: share > 0 ? '2px' : undefined,
                          }}
                        />
                      </span>
                      <span className="w-10 text-right text-xs tabular-nums text-muted-fg">
                        {shareLabel(share)}
                      </span>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
