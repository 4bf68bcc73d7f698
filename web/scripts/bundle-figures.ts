/**
 * Size of the built web front end as a browser receives it: what index.html loads up front (the module script,
 * its modulepreloads and stylesheets), the extra chunks of the landing screen (/ redirects to /plans) and of the
 * login page, and the biggest lazily loaded chunks. Sizes are gzip level 6, as `gzip -c | wc -c` gives them
 * (without the file name gzip writes into its header).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_DIST = process.env.FUER_WEB_DIST ?? path.join(REPO_ROOT, 'dist', 'web');

/**
 * The first screens the figures follow, as the lazy modules they load (keys of the Vite manifest): / goes to
 * 规划浏览 inside the frame, which also loads the header search box; the login page stands alone.
 */
export const LANDING_PAGES = {
  plans: ['src/features/plans/PlanListPage.tsx', 'src/app/HeaderSearch.tsx'],
  login: ['src/features/auth/LoginPage.tsx'],
} as const;

export interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleFigures {
  dist: string;
  /** JS files index.html loads: the module script and every modulepreload. */
  entryJs: AssetSize[];
  entryCss: AssetSize[];
  /** Chunks a page adds to the entry on its first visit (from the manifest; empty when there is none). */
  pages: Record<keyof typeof LANDING_PAGES, AssetSize[]>;
  /** Every JS chunk index.html does not load, biggest (gzipped) first. */
  lazyJs: AssetSize[];
}

export const sum = (assets: AssetSize[], key: 'bytes' | 'gzip' = 'gzip'): number =>
  assets.reduce((n, a) => n + a[key], 0);

function sizeOf(dist: string, file: string): AssetSize {
  const content = readFileSync(path.join(dist, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 6 }).length };
}

/** Asset paths (relative to dist) of the tags in index.html that match `tag` and carry `attr`. */
function referenced(html: string, tag: RegExp, attr: 'src' | 'href'): string[] {
  const files: string[] = [];
  for (const [element] of html.matchAll(tag)) {
    const url = new RegExp(`\\b${attr}="([^"]+)"`).exec(element)?.[1];
    if (url && !/^[a-z]+:/i.test(url)) files.push(url.replace(/^\//, ''));
  }
  return files;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** The JS files lazy imports of `sources` load beyond those already loaded up front. */
function pageChunks(manifest: Record<string, ManifestChunk>, sources: readonly string[], loaded: Set<string>): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    // Not a chunk of its own: part of the entry (older builds loaded the search box up front).
    if (!chunk) return;
    if (!loaded.has(chunk.file)) files.push(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const source of sources) visit(source);
  return files;
}

export function measureBundle(dist: string = DEFAULT_DIST): BundleFigures {
  const indexFile = path.join(dist, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${dist} 中没有 index.html：请先构建网页端（npm run build:web）`);
  const html = readFileSync(indexFile, 'utf8');
  const scripts = referenced(html, /<script\b[^>]*type="module"[^>]*>/g, 'src');
  const preloads = referenced(html, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href');
  const styles = referenced(html, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href');
  const entryFiles = [...new Set([...scripts, ...preloads])];
  const loaded = new Set(entryFiles);

  const manifestFile = path.join(dist, '.vite', 'manifest.json');
  const manifest = existsSync(manifestFile)
    ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>)
    : null;
  const page = (sources: readonly string[]) => (manifest ? pageChunks(manifest, sources, loaded).map((f) => sizeOf(dist, f)) : []);

  const assets = path.join(dist, 'assets');
  const allJs = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  return {
    dist,
    entryJs: entryFiles.map((f) => sizeOf(dist, f)),
    entryCss: styles.map((f) => sizeOf(dist, f)),
    pages: { plans: page(LANDING_PAGES.plans), login: page(LANDING_PAGES.login) },
    lazyJs: allJs
      .filter((f) => !loaded.has(f))
      .map((f) => sizeOf(dist, f))
      .sort((a, b) => b.gzip - a.gzip),
  };
}

/** Builds the web front end into `outDir` (a few seconds) and returns how long it took, in seconds. */
export function buildWeb(outDir: string): number {
  const t = performance.now();
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    env: { ...process.env, FUER_WEB_DIST: outDir },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`网页端构建失败：\n${run.stderr || run.stdout}`);
  return (performance.now() - t) / 1000;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The figures as printable lines (Chinese, like the other bench output). */
export function formatBundle(f: BundleFigures, lazyShown = 12): string[] {
  const lines: string[] = [];
  const entry = sum(f.entryJs);
  lines.push(`首屏入口 JS：${f.entryJs.length} 个文件，gzip ${kb(entry)}（${entry} 字节；未压缩 ${kb(sum(f.entryJs, 'bytes'))}）`);
  for (const a of [...f.entryJs].sort((x, y) => y.gzip - x.gzip)) lines.push(`  ${kb(a.gzip).padStart(9)}  ${a.file}`);
  lines.push(`首屏 CSS：gzip ${kb(sum(f.entryCss))}（${f.entryCss.map((a) => a.file).join('、') || '无'}）`);
  const page = (label: string, assets: AssetSize[]) =>
    `${label}：再加载 ${assets.length} 个文件，gzip ${kb(sum(assets))}，连同入口共 ${kb(entry + sum(assets))}`;
  if (f.pages.plans.length + f.pages.login.length > 0) {
    lines.push(page('打开首页（/plans 规划浏览，含页头搜索框）', f.pages.plans));
    lines.push(page('打开登录页', f.pages.login));
  }
  lines.push(`按需加载的 JS：${f.lazyJs.length} 个文件，gzip 共 ${kb(sum(f.lazyJs))}；最大的 ${Math.min(lazyShown, f.lazyJs.length)} 个：`);
  for (const a of f.lazyJs.slice(0, lazyShown)) lines.push(`  ${kb(a.gzip).padStart(9)}  ${a.file}`);
  return lines;
}

/** What index.html may load up front, gzipped (the goal set when the shell was slimmed down). */
export const ENTRY_BUDGET_BYTES = 200 * 1024;

/**
 * `npm run bench -- bundle`: builds the front end into a temporary folder (a few seconds; the build is cheap and
 * measuring a stale dist/web would mislead) and prints the figures. BENCH_WEB_DIST=… measures that build instead.
 */
export function runBundleBench(say: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): BundleFigures {
  const given = process.env.BENCH_WEB_DIST;
  const dist = given ?? mkdtempSync(path.join(tmpdir(), 'fuer-web-bench-'));
  try {
    if (given === undefined) say(`网页端构建：${buildWeb(dist).toFixed(1)} 秒（临时目录，测完删除）`);
    else say(`网页端构建：使用已有的 ${given}`);
    const figures = measureBundle(dist);
    for (const line of formatBundle(figures)) say(line);
    const entry = sum(figures.entryJs);
    say(`入口 JS 目标 <${kb(ENTRY_BUDGET_BYTES)}：${entry < ENTRY_BUDGET_BYTES ? '达到' : '未达到'}（${kb(entry)}）`);
    return figures;
  } finally {
    if (given === undefined) rmSync(dist, { recursive: true, force: true });
  }
}
