// The critical request chain of a page load: the longest run of requests each of which
// started only after the previous one's answer could be used.

export interface Timed {
  url: string;
  /** When the request was sent (ms). */
  start: number;
  /** When its answer could be used (ms): a page as it streams in, anything else once loaded. */
  end: number;
}

/**
 * Longest chain of requests ending in `last`, each starting only after the previous ended,
 * oldest first. A predecessor must also have started strictly earlier: with millisecond
 * timestamps two requests can start and end in the same millisecond, and each would
 * otherwise count as "before" the other, looping forever. Start times strictly decrease
 * along the chain, so it always ends.
 */
export function criticalChain(requests: readonly Timed[], last: Timed): Timed[] {
  const chain = [last];
  let current = last;
  for (;;) {
    let before: Timed | undefined;
    for (const r of requests) {
      if (r === current || r.end > current.start || r.start >= current.start) continue;
      if (!before || r.end > before.end) before = r;
    }
    if (!before) return chain.reverse();
    chain.push(before);
    current = before;
  }
}
