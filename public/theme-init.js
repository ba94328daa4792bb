// Runs before first paint (an external file, so the CSP needs no 'unsafe-inline'):
// applies the theme the user chose on this device; without a choice the system decides.
// The same choice goes into a cookie, which the server reads to render a deep link in it from
// the first byte (server/ssr); a choice made before that cookie existed is carried over here.
try {
  const t = localStorage.getItem('vcr-theme');
  if (t === 'light' || t === 'dark') {
    document.documentElement.setAttribute('data-theme', t);
    if (!document.cookie.includes('vcr-theme=' + t))
      document.cookie = 'vcr-theme=' + t + '; path=/; max-age=31536000; samesite=lax';
  } else if (document.cookie.includes('vcr-theme=')) {
    // No choice on this device (cleared storage): the cookie must not bring one back.
    document.cookie = 'vcr-theme=; path=/; max-age=0; samesite=lax';
    document.documentElement.removeAttribute('data-theme');
  }
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
