import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

/**
 * Static assets: stylesheets, client islands (bundled by esbuild), icons and the self-hosted Devanagari
 * font, each written under a content-hashed name so that it can be cached forever (immutable), and a
 * manifest from logical name to hashed URL. Text assets also get brotli and gzip copies beside them
 * (`name.br`, `name.gz`), which the static handler sends to clients that accept them.
 */
export interface AssetManifest {
  /** logical name (e.g. "site.css") → public path ("/assets/site.3f2a…css") */
  files: Record<string, string>;
}

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The source folder of assets: src/web/assets of the checkout this module runs from, found by walking up
 * from this file, which may be src/web/assets/pipeline.ts, dist/web/assets/pipeline.js or the one-file
 * bundle dist/samachar.mjs.
 */
export const ASSET_SOURCE_DIR = findAssetSources(here);

function findAssetSources(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'src', 'web', 'assets');
    if (existsSync(join(candidate, 'styles'))) return candidate;
    if (dirname(dir) === dir) return resolve(from, '../../../src/web/assets');
  }
}

function hashName(name: string, content: Buffer | string): string {
  const h = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${h}${name.slice(dot)}`;
}

const FONT_FILES = {
  'font-deva-400.woff2': 'noto-sans-devanagari-devanagari-400-normal.woff2',
  'font-deva-700.woff2': 'noto-sans-devanagari-devanagari-700-normal.woff2',
  'font-latin-400.woff2': 'noto-sans-devanagari-latin-400-normal.woff2',
  'font-latin-700.woff2': 'noto-sans-devanagari-latin-700-normal.woff2',
};

/** Assets worth compressing for the wire (woff2 and images are compressed already). */
const COMPRESSIBLE = /\.(css|js|svg)$/;

export async function buildAssets(outDir: string, opts: { minify?: boolean } = {}): Promise<AssetManifest> {
  const esbuild = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, string> = {};
  const emit = (name: string, content: Buffer | string) => {
    const hashed = hashName(name, content);
    writeFileSync(join(outDir, hashed), content);
    if (COMPRESSIBLE.test(name)) {
      const bytes = Buffer.from(content);
      writeFileSync(join(outDir, `${hashed}.br`), brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
      writeFileSync(join(outDir, `${hashed}.gz`), gzipSync(bytes, { level: 9 }));
    }
    files[name] = `/assets/${hashed}`;
  };
  const require = createRequire(import.meta.url);
  const fontDir = join(dirname(require.resolve('@fontsource/noto-sans-devanagari/package.json')), 'files');
  for (const [logical, file] of Object.entries(FONT_FILES)) emit(logical, readFileSync(join(fontDir, file)));

  // Stylesheets reference fonts by logical name; replace with hashed URLs before hashing the CSS itself.
  const stylesDir = join(ASSET_SOURCE_DIR, 'styles');
  // A stylesheet may @import partials (`_name.css`, not emitted on their own), which are bundled into it.
  for (const name of readdirSync(stylesDir).filter((f) => f.endsWith('.css') && !f.startsWith('_'))) {
    const r = await esbuild.build({ entryPoints: [join(stylesDir, name)], bundle: true, minify: opts.minify ?? true, write: false, external: ['/assets/*'], legalComments: 'none', logLevel: 'silent' });
    const css = Buffer.from(r.outputFiles[0]!.contents)
      .toString('utf8')
      .replace(/url\((["']?)\/assets\/([\w.-]+)\1\)/g, (m, _q: string, logical: string) => (files[logical] ? `url(${files[logical]})` : m));
    emit(name, css);
  }

  // Icons and other files used as they are (the favicon).
  const staticDir = join(ASSET_SOURCE_DIR, 'static');
  if (existsSync(staticDir)) for (const name of readdirSync(staticDir)) emit(name, readFileSync(join(staticDir, name)));

  const clientDir = join(ASSET_SOURCE_DIR, 'client');
  const entries = existsSync(clientDir) ? readdirSync(clientDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_')) : [];
  for (const entry of entries) {
    const r = await esbuild.build({
      entryPoints: [join(clientDir, entry)],
      bundle: true,
      format: 'esm',
      // safari15, not 14: esbuild cannot lower destructuring for Safari 14, which the newsroom editor's
      // libraries (TipTap, ProseMirror) use throughout.
      target: ['es2020', 'chrome90', 'safari15'],
      minify: opts.minify ?? true,
      write: false,
      legalComments: 'none',
    });
    emit(entry.replace(/\.ts$/, '.js'), Buffer.from(r.outputFiles[0]!.contents));
  }
  const manifest: AssetManifest = { files };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Loads the manifest of built assets, building them first when this checkout has none yet (development, tests). */
export async function loadAssets(outDir: string): Promise<AssetManifest> {
  const mf = join(outDir, 'manifest.json');
  if (existsSync(mf)) {
    const manifest = JSON.parse(readFileSync(mf, 'utf8')) as AssetManifest;
    if (Object.values(manifest.files).every((p) => existsSync(join(outDir, p.replace('/assets/', ''))))) return manifest;
  }
  return buildAssets(outDir);
}

export function copyFile(src: string, dst: string): void {
  mkdirSync(dirname(dst), { recursive: true });
  copyFileSync(src, dst);
}
