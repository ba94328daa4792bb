// Runs before first paint (an external file, so the CSP needs no 'unsafe-inline'):
// applies the theme the user chose on this device; without a choice the system decides.
try {
  const t = localStorage.getItem('vcr-theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch {
  /* storage blocked: follow the system */
}

// The page's first Intl formatter loads the locale data: ~50 ms of one task on a fast
// desktop, four times that on a slow phone. Here it runs while the main script is still
// downloading and before anything is painted, instead of as a long task after first paint.
try {
  new Intl.NumberFormat().format(0);
} catch {
  /* no Intl: the page falls back where it formats */
}
