import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBundle, measureBundle, sum } from './bundle-figures.ts';

// A small built front end: what index.html references is "up front", the rest lazy; the manifest links pages to chunks.
const dist = mkdtempSync(path.join(tmpdir(), 'fuer-bundle-test-'));
const code = (name: string, repeat: number) => `export const ${name} = ${JSON.stringify(`${name}-`.repeat(repeat))};\n`;
const files: Record<string, string> = {
  'assets/index-a1.js': code('entry', 50),
  'assets/react-b2.js': code('react', 400),
  'assets/shell-vendor-c3.js': code('shell', 300),
  'assets/index-d4.css': `body{margin:0}${'.x{color:red}'.repeat(20)}`,
  'assets/PlanListPage-e5.js': code('plans', 30),
  'assets/HeaderSearch-f6.js': code('search', 10),
  'assets/input-g7.js': code('input', 120),
  'assets/LoginPage-h8.js': code('login', 20),
  'assets/echarts-i9.js': code('echarts', 2000),
};
mkdirSync(path.join(dist, 'assets'));
mkdirSync(path.join(dist, '.vite'));
for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dist, file), content);
writeFileSync(
  path.join(dist, 'index.html'),
  `<!doctype html><html><head>
    <script type="module" crossorigin src="/assets/index-a1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-b2.js">
    <link rel="modulepreload" crossorigin href="/assets/shell-vendor-c3.js">
    <link rel="stylesheet" crossorigin href="/assets/index-d4.css">
    <link rel="icon" href="data:," />
  </head><body><div id="root"></div></body></html>`,
);
writeFileSync(
  path.join(dist, '.vite', 'manifest.json'),
  JSON.stringify({
    'index.html': { file: 'assets/index-a1.js', imports: ['_react-b2.js', '_shell-vendor-c3.js'] },
    '_react-b2.js': { file: 'assets/react-b2.js' },
    '_shell-vendor-c3.js': { file: 'assets/shell-vendor-c3.js', imports: ['_react-b2.js'] },
    '_input-g7.js': { file: 'assets/input-g7.js', imports: ['_shell-vendor-c3.js'] },
    'src/features/plans/PlanListPage.tsx': { file: 'assets/PlanListPage-e5.js', imports: ['_shell-vendor-c3.js', '_input-g7.js'] },
    'src/app/HeaderSearch.tsx': { file: 'assets/HeaderSearch-f6.js', imports: ['_input-g7.js'] },
    'src/features/auth/LoginPage.tsx': { file: 'assets/LoginPage-h8.js', imports: ['_input-g7.js', '_react-b2.js'] },
  }),
);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const gz = (file: string) => gzipSync(files[file] ?? '', { level: 6 }).length;

describe('measureBundle', () => {
  const figures = measureBundle(dist);

  it('counts the module script and every modulepreload of index.html as the entry, gzipped', () => {
    expect(figures.entryJs.map((a) => a.file)).toEqual(['assets/index-a1.js', 'assets/react-b2.js', 'assets/shell-vendor-c3.js']);
    expect(sum(figures.entryJs)).toBe(gz('assets/index-a1.js') + gz('assets/react-b2.js') + gz('assets/shell-vendor-c3.js'));
    expect(sum(figures.entryJs, 'bytes')).toBe(
      files['assets/index-a1.js']!.length + files['assets/react-b2.js']!.length + files['assets/shell-vendor-c3.js']!.length,
    );
    expect(figures.entryCss.map((a) => a.file)).toEqual(['assets/index-d4.css']);
  });

  it('adds to the landing screens only the chunks not loaded up front, each once', () => {
    expect(figures.pages.plans.map((a) => a.file).sort()).toEqual(['assets/HeaderSearch-f6.js', 'assets/PlanListPage-e5.js', 'assets/input-g7.js']);
    expect(figures.pages.login.map((a) => a.file).sort()).toEqual(['assets/LoginPage-h8.js', 'assets/input-g7.js']);
  });

  it('lists every other JS file as lazy, biggest first', () => {
    expect(figures.lazyJs[0]?.file).toBe('assets/echarts-i9.js');
    expect(figures.lazyJs).toHaveLength(5);
    const sizes = figures.lazyJs.map((a) => a.gzip);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(figures.lazyJs.some((a) => a.file === 'assets/react-b2.js')).toBe(false);
  });

  it('prints the entry total and the lazy chunks', () => {
    const text = formatBundle(figures, 2).join('\n');
    expect(text).toContain(`首屏入口 JS：3 个文件，gzip ${(sum(figures.entryJs) / 1024).toFixed(1)} KB（${sum(figures.entryJs)} 字节`);
    expect(text).toContain('assets/echarts-i9.js');
    expect(text).toContain('最大的 2 个');
  });

  it('says clearly when there is no build', () => {
    expect(() => measureBundle(path.join(dist, 'nowhere'))).toThrow(/没有 index\.html/);
  });
});
