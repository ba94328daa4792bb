// "Notify me when these are ready": the images preparing when the user asks are watched,
// and ONE notification (plus the title, favicon, a toast and a live-region announcement)
// says when every one of them has left `preparing`, naming those that ended unoptimized and
// why. Polling goes on in a hidden tab, so the news comes however long the tab was away;
// a done watch never fires again.
import { useEffect, useRef, useState } from 'react';
import { toast } from '../../components/toast';
import { FAVICONS, setFavicon } from '../../lib/favicon';
import { whyNotReadySentence } from '../../lib/why-not-ready';

export interface WatchItem {
  key: string;
  /** `repo:tag[, tag…]`, as the user knows it. */
  label: string;
  /** Preparing while it (or, for an index, one of its platforms) is. */
  preparing: boolean;
  kind: string;
  status: string | null;
  platform?: string | undefined;
  arch?: string | undefined;
  /** For an index: its platforms that ended unoptimized. */
  unoptimizedPlatforms?: string[];
}

export type WatchPhase = 'idle' | 'watching' | 'done';
export type NotifyPermission = 'unsupported' | 'default' | 'granted' | 'denied';

/** The one notification's words: a title and a body naming the unoptimized ones. */
export function doneMessage(watched: readonly WatchItem[]): { title: string; body: string } {
  const n = watched.length;
  const title = `${n === 1 ? 'The image you watched has' : `All ${n} images you watched have`} left preparing`;
  const lines: string[] = [];
  for (const item of watched) {
    if (item.kind !== 'index' && item.status === 'unoptimized') {
      lines.push(`${item.label} is unoptimized: ${whyNotReadySentence(item)}`);
    } else if (item.unoptimizedPlatforms?.length) {
      lines.push(
        `${item.label} is an index whose ${item.unoptimizedPlatforms.join(', ')} image${item.unoptimizedPlatforms.length === 1 ? ' is' : 's are'} unoptimized: ${whyNotReadySentence(item)}`,
      );
    } else if (item.kind !== 'index' && item.status !== 'ready') {
      lines.push(`${item.label} is ${item.status ?? 'gone'}.`);
    }
  }
  return {
    title,
    body: lines.length ? lines.join('\n') : 'Every one is ready for Vercel Sandbox.',
  };
}

function permissionNow(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function useWatchNotification(items: readonly WatchItem[]) {
  const [phase, setPhase] = useState<WatchPhase>('idle');
  const [watched, setWatched] = useState<ReadonlyMap<string, WatchItem>>(new Map());
  const [permission, setPermission] = useState<NotifyPermission>(permissionNow);
  const [announcement, setAnnouncement] = useState('');
  const fired = useRef(false);

  async function start() {
    const preparing = items.filter((i) => i.preparing);
    if (preparing.length === 0) {
      setAnnouncement('Nothing shown is preparing: there is nothing to wait for.');
      return;
    }
    fired.current = false;
    setWatched(new Map(preparing.map((i) => [i.key, i])));
    setPhase('watching');
    setAnnouncement(
      `Watching ${preparing.length} image${preparing.length === 1 ? '' : 's'}: you will be told once when all have left preparing.`,
    );
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      setPermission(await Notification.requestPermission());
    }
  }

  function stop() {
    setPhase('idle');
    setWatched(new Map());
  }

  // The latest word on each watched image; one that vanished (its repository deleted) has left
  // preparing too, and is kept as last seen.
  const current = new Map(items.map((i) => [i.key, i]));
  const latest = [...watched.keys()].map(
    (k) => current.get(k) ?? { ...watched.get(k)!, preparing: false },
  );
  const remaining = latest.filter((i) => i.preparing).length;
  const allDone = phase === 'watching' && remaining === 0;

  useEffect(() => {
    if (!allDone || fired.current) return;
    fired.current = true;
    const { title, body } = doneMessage(latest);
    setPhase('done');
    setAnnouncement(`${title}. ${body}`);
    toast(title, { tone: 'success' });
    if (permissionNow() === 'granted') {
      try {
        new Notification(title, { body, tag: 'vcr-recent-pushes' });
      } catch {
        /* some browsers only allow notifications from a service worker */
      }
    }
    // `latest` is read when the watch completes; it is derived from the state watched here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allDone]);

  useEffect(() => {
    if (phase === 'idle') return;
    setFavicon(phase === 'watching' ? FAVICONS.preparing : FAVICONS.ready);
  }, [phase]);
  useEffect(() => () => setFavicon(FAVICONS.default), []);

  return { phase, remaining, watchedCount: watched.size, permission, announcement, start, stop };
}
