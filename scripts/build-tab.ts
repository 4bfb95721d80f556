import { build, type BuildOptions } from 'esbuild';

/** The tab pages' browser code; the server serves what this writes under /tab/assets. */
export const TAB_ENTRIES = { metrics: 'src/http/tab-client/metrics-page.ts', audit: 'src/http/tab-client/audit-page.ts', caseload: 'src/http/tab-client/caseload-page.ts' };
export const TAB_OUT_DIR = 'dist/tab';

/**
 * How each page's script (metrics.js, audit.js) and styles (metrics.css, audit.css) are bundled,
 * with Chart.js and the Teams SDK in them, so nothing is fetched from a CDN. ES modules with
 * splitting: the Teams SDK and what the pages share are chunks of their own, the SDK loaded only
 * inside Teams. `npm run licences` reads the same build to know which packages the bundle ships.
 */
export function tabBuildOptions(outdir: string = TAB_OUT_DIR): BuildOptions {
  return {
    entryPoints: TAB_ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    // What Teams runs tabs in: the Edge WebView2 of the desktop client and current browsers.
    target: ['chrome110', 'edge110', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  };
}

export async function buildTab(outdir: string = TAB_OUT_DIR): Promise<void> {
  await build(tabBuildOptions(outdir));
}

if (require.main === module) {
  buildTab().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
