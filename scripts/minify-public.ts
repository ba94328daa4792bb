// The build's step for the hand-written scripts in public/ (ssr-boot.js, theme-init.js): Vite
// copies public/ as it is, so their comments (which say why, for whoever edits them) would
// travel to every reader of a deep link. This minifies the dist/ copies with esbuild, before
// precompress() makes their brotli and gzip siblings; the sources keep their comments.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { transform } from 'esbuild';
import type { Plugin, ResolvedConfig } from 'vite';

export const MINIFIED_PUBLIC_SCRIPTS = ['ssr-boot.js', 'theme-init.js'];

export async function minifyScript(source: string): Promise<string> {
  const { code } = await transform(source, {
    minify: true,
    target: 'es2020',
    legalComments: 'none',
  });
  return code;
}

export function minifyPublicScripts(): Plugin {
  let outDir = 'dist';
  return {
    name: 'vcr:minify-public-scripts',
    apply: 'build',
    configResolved(config: ResolvedConfig) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // Sequential and first: precompress() reads dist/ in its own closeBundle.
    closeBundle: {
      order: 'pre',
      sequential: true,
      async handler() {
        for (const name of MINIFIED_PUBLIC_SCRIPTS) {
          const file = path.join(outDir, name);
          const source = await readFile(file, 'utf8').catch(() => null);
          if (source !== null) await writeFile(file, await minifyScript(source));
        }
      },
    },
  };
}
