// Runs before first paint (an external file, so the CSP needs no 'unsafe-inline'):
// applies the theme the user chose on this device; without a choice the system decides.
try {
  const t = localStorage.getItem('vcr-theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch {
  /* storage blocked: follow the system */
}
