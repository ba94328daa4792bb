// Tells the user when a preparing tag becomes usable, wherever their attention is: the tab
// title and favicon (other tabs), a toast and a live-region announcement (this tab), and,
// if they asked for it, a system notification (tab hidden).
import { useEffect, useRef, useState } from 'react';
import type { Tag } from '../../api/schemas';
import { toast } from '../../components/toast';
import { statusLabel } from '../../components/status-badge';
import { FAVICONS, setFavicon } from '../../lib/favicon';
import { useHydrated } from '../../lib/use-hydrated';

/** What the change means; a status the API adds later is reported as it comes, not as ready. */
export function readyMessage(tag: Tag): string {
  if (tag.status === 'ready') return `${tag.tag} is ready`;
  if (tag.status === 'unoptimized') return `${tag.tag} is ready (unoptimized)`;
  return `${tag.tag} is now ${statusLabel(tag.status, tag.kind)}`;
}

export function pageTitle(repo: string, tag: string, data: Tag | undefined): string {
  const base = `${repo}:${tag} · VCR Dashboard`;
  if (!data) return base;
  if (data.status === 'preparing') return `Preparing · ${base}`;
  if (data.status === null) return base;
  return `${statusLabel(data.status, data.kind)} · ${base}`;
}

export type NotifyState = 'unsupported' | 'off' | 'on' | 'denied';

export function initialNotifyState(): NotifyState {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission === 'denied' ? 'denied' : 'off';
}

export function useReadySignals(repo: string, tagName: string, data: Tag | undefined) {
  const [announcement, setAnnouncement] = useState('');
  const [notify, setNotify] = useState<NotifyState>(initialNotifyState);
  // The last status seen, and of which tag: a move to another tag is not a change.
  const previous = useRef<{ tag: string; status: string | null } | undefined>(undefined);
  const notifyRef = useRef(notify);
  notifyRef.current = notify;

  const status = data?.status;
  const title = pageTitle(repo, tagName, data);

  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    if (status === undefined) return;
    setFavicon(
      status === 'preparing'
        ? FAVICONS.preparing
        : status === 'ready' || status === 'unoptimized'
          ? FAVICONS.ready
          : FAVICONS.default,
    );
  }, [status]);

  // Leaving the page puts the app's own title and icon back.
  useEffect(
    () => () => {
      document.title = 'VCR Dashboard';
      setFavicon(FAVICONS.default);
    },
    [],
  );

  useEffect(() => {
    if (!data) return;
    const tag = `${repo}\n${data.tag}`;
    const before = previous.current?.tag === tag ? previous.current.status : undefined;
    previous.current = { tag, status: data.status };
    // Only a change seen live is news; opening a tag that is already ready is not.
    if (before !== 'preparing' || data.status === 'preparing') return;
    const message = readyMessage(data);
    setAnnouncement(message);
    const ready = data.status === 'ready' || data.status === 'unoptimized';
    toast(message, { tone: ready ? 'success' : 'info' });
    if (notifyRef.current === 'on' && document.visibilityState === 'hidden') {
      try {
        new Notification(message, { body: `${repo}:${data.tag}`, tag: `vcr-${repo}-${data.tag}` });
      } catch {
        /* some browsers only allow notifications from a service worker */
      }
    }
  }, [data, repo]);

  async function enableNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    const permission = await Notification.requestPermission();
    setNotify(permission === 'granted' ? 'on' : permission === 'denied' ? 'denied' : 'off');
  }

  // The server cannot know the browser's notification support: hydration renders its answer.
  const hydrated = useHydrated();
  return {
    announcement,
    notify: hydrated ? notify : 'unsupported',
    enableNotifications,
    disableNotifications: () => setNotify('off'),
  };
}
