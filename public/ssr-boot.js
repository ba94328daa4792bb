// Server-rendered pages only (server/ssr): the tag is on screen from the HTML alone, so the
// app's module is asked for once the first paint has happened, not before. Until then the
// HTML and CSS have the network and the main thread to themselves (on a slow phone the 100 kB
// module would otherwise share the bandwidth with the stylesheet that holds the paint); the
// page becomes interactive a download later. An external file: the CSP needs no
// 'unsafe-inline'. Loaded as a blocking classic script in the head (server/ssr/shell.ts says
// why), so it runs before the body is parsed: everything below works on `document` or waits.

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

// Until the app has hydrated, the header's "Go to" box is plain HTML (issue 16: nothing typed
// is lost). Its `g` shortcut works from the first paint, and an Enter does not submit the form
// to the server (which would reload the page and drop the reference): the submit is held on
// the form (data-pending-submit) and the app carries it out once it has hydrated
// (src/features/go-to/go-to-slot.tsx). Both stand aside as soon as <html data-hydrated> is set.
{
  const hydrated = () => document.documentElement.hasAttribute('data-hydrated');
  const goToForm = () => document.querySelector('form[role="search"]');
  document.addEventListener('keydown', (e) => {
    if (hydrated() || e.key !== 'g' || e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) {
      return;
    }
    const t = e.target;
    if (
      t instanceof HTMLElement &&
      (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))
    ) {
      return;
    }
    const input = goToForm()?.querySelector('input');
    if (!input) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
  document.addEventListener(
    'submit',
    (e) => {
      const form = e.target;
      if (hydrated() || !(form instanceof HTMLFormElement) || form !== goToForm()) return;
      e.preventDefault();
      form.setAttribute('data-pending-submit', '');
    },
    true,
  );
}
