// A tiny toaster without context: `toast('…')` from anywhere, one <Toaster /> in the layout.
// The region is a polite live region, so every toast is also read out.
import { useSyncExternalStore } from 'react';
import { cn } from '../lib/cn';

export type ToastTone = 'info' | 'success' | 'danger';
export interface ToastItem {
  id: number;
  message: string;
  tone: ToastTone;
}

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function dismissToast(id: number): void {
  items = items.filter((t) => t.id !== id);
  emit();
}

export function toast(
  message: string,
  { tone = 'info', durationMs = 5000 }: { tone?: ToastTone; durationMs?: number } = {},
): number {
  const id = nextId++;
  items = [...items.slice(-2), { id, message, tone }];
  emit();
  setTimeout(() => dismissToast(id), durationMs);
  return id;
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

const toneClass: Record<ToastTone, string> = {
  info: 'bg-info text-info-fg',
  success: 'bg-success text-success-fg',
  danger: 'bg-danger text-danger-fg',
};

export function Toaster() {
  const list = useSyncExternalStore(
    subscribe,
    () => items,
    () => items,
  );
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      className="pointer-events-none fixed bottom-4 right-4 z-50 flex flex-col items-end gap-2"
    >
      {list.map((t) => (
        <div
          key={t.id}
          className={cn(
            'pointer-events-auto flex items-center gap-3 rounded-md border border-border px-3 py-2 text-sm shadow-md',
            toneClass[t.tone],
          )}
        >
          <span>{t.message}</span>
          <button
            type="button"
            onClick={() => dismissToast(t.id)}
            className="rounded px-1 opacity-80 hover:opacity-100"
            aria-label="Dismiss notification"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
