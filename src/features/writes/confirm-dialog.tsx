// The one dialog every write goes through: Radix keeps focus inside while open, returns it
// to the button that opened it, closes on Esc, and labels the dialog with its title and
// description. The confirm button is a submit button, so Enter confirms once allowed.
import * as Dialog from '@radix-ui/react-dialog';
import type { FormEvent, ReactNode } from 'react';
import { Button } from '../../components/button';

export interface ConfirmDialogProps {
  /** The button that opens it; focus returns to it when the dialog closes. */
  trigger: ReactNode;
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  /** False keeps the confirm button disabled (e.g. until the name is typed). */
  canConfirm?: boolean;
  pending?: boolean;
  /** Shown in an alert above the buttons. */
  error?: string | null;
  tone?: 'danger' | 'default';
  onConfirm(): void;
}

export function ConfirmDialog({
  trigger,
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel,
  canConfirm = true,
  pending = false,
  error,
  tone = 'default',
  onConfirm,
}: ConfirmDialogProps) {
  function submit(e: FormEvent) {
    e.preventDefault();
    if (canConfirm && !pending) onConfirm();
  }
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (pending ? undefined : onOpenChange(next))}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-bg/80 backdrop-blur-sm" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-border bg-bg p-5 text-fg shadow-xl">
          <form onSubmit={submit} className="space-y-4">
            <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
            <Dialog.Description asChild>
              <div className="space-y-2 text-sm text-muted-fg">{description}</div>
            </Dialog.Description>
            {children}
            {error ? (
              <p
                role="alert"
                className="rounded-md border border-border bg-danger px-3 py-2 text-sm text-danger-fg"
              >
                {error}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button disabled={pending}>Cancel</Button>
              </Dialog.Close>
              <Button
                type="submit"
                variant={tone === 'danger' ? 'danger' : 'primary'}
                disabled={!canConfirm || pending}
              >
                {pending ? pendingLabel : confirmLabel}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** "Type the name to confirm", as Vercel's dashboard asks before irreversible changes. */
export function TypeToConfirm({
  name,
  value,
  onChange,
  disabled,
}: {
  name: string;
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span>
        Type <strong className="select-all font-mono text-fg">{name}</strong> to confirm
      </span>
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        className="h-9 rounded-md border border-border bg-bg px-2 font-mono text-fg"
      />
    </label>
  );
}
