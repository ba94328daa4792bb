// Server-rendered pages only (server/ssr): the tag is on screen from the HTML alone, so the
// app's module is asked for once the first paint has happened, not before. Until then the
// HTML and CSS have the network and the main thread to themselves (on a slow phone the 100 kB
// module would otherwise share the bandwidth with the stylesheet that holds the paint); the
// page becomes interactive a download later. An external file: the CSP needs no
// 'unsafe-inline'.

// The theme is in the HTML already (the server read the vcr-theme cookie); a choice this
// device made before that cookie existed is carried over, as public/theme-init.js does on the
// other pages (this page does without it: one request less before the paint).
try {
  const t = localStorage.getItem('vcr-theme');
  const root = document.documentElement;
  if ((t === 'light' || t === 'dark') && root.getAttribute('data-theme') !== t) {
    root.setAttribute('data-theme', t);
    document.cookie = `vcr-theme=${t}; path=/; max-age=31536000; samesite=lax`;
  }
} catch {
  /* storage blocked: the cookie's choice (or the system's) stays */
}

{
  const entry = document.currentScript?.getAttribute('data-entry');
  let started = false;
  const start = () => {
    if (started || !entry) return;
    started = true;
    void import(entry);
  };
  if (document.visibilityState === 'hidden') {
    // A hidden tab paints nothing: start at once there.
    start();
  } else {
    try {
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName('first-contentful-paint').length) {
          observer.disconnect();
          setTimeout(start, 0);
        }
      }).observe({ type: 'paint', buffered: true });
    } catch {
      /* no paint timing: the fallback below */
    }
    // Whatever happens to paint timing, the page never stays static for long.
    setTimeout(start, 1000);
  }
}
