import { describe, expect, it } from 'vitest';
import { injectIntoShell } from './shell';

// Vite's index.html, as the build writes it.
const TEMPLATE = `<!doctype html><html lang="en"><head><title>VCR Dashboard</title>
<script src="/theme-init.js"></script>
<script type="module" crossorigin src="/assets/index-abc.js"></script>
<link rel="stylesheet" crossorigin href="/assets/index-abc.css">
</head><body><div id="root"></div></body></html>`;

const page = () =>
  injectIntoShell(TEMPLATE, {
    html: '<main>latest</main>',
    island: '<script type="application/json" id="vcr-ssr">{}</script>',
    title: 'Ready · web:latest · VCR Dashboard',
    theme: 'dark',
  });

describe('injectIntoShell', () => {
  it('starts the app through ssr-boot.js, a blocking classic script that names the module', () => {
    const html = page();
    const boot = /<script src="\/ssr-boot\.js"([^>]*)><\/script>/.exec(html);
    expect(boot).not.toBeNull();
    expect(boot![1]).toContain('data-entry="/assets/index-abc.js"');
    // Neither deferred nor async: Lighthouse's simulation counted a deferred one before the LCP.
    expect(boot![1]).not.toMatch(/\b(defer|async|type=)/);
    expect(html).not.toContain('type="module"');
    expect(html).not.toContain('theme-init.js');
  });

  it('fills the frame: root, island after it, title and theme', () => {
    const html = page();
    expect(html).toContain(
      '<div id="root"><main>latest</main></div><script type="application/json" id="vcr-ssr">{}</script>',
    );
    expect(html).toContain('<title>Ready · web:latest · VCR Dashboard</title>');
    expect(html).toContain('<html data-theme="dark" lang="en">');
  });
});
