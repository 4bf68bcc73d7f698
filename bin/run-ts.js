#!/usr/bin/env node
// Runs a TypeScript file given as the first argument (used by `npm run bench`).
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

// A 64 MB young generation (V8's default is 16 MB): the import bench allocates millions of short-lived objects
// and spends a sixth of its time in scavenges otherwise. The flag must be on the command line (v8.setFlagsFromString
// comes too late), so the script re-runs itself with it unless it is set already (FUER_SEMI_SPACE=0 leaves it off).
const semiSpace = process.env.FUER_SEMI_SPACE ?? '64';
const hasFlag = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-semi-space-size'));
if (!hasFlag && semiSpace !== '0') {
  const child = spawnSync(process.execPath, [`--max-semi-space-size=${semiSpace}`, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

register();
const file = process.argv[2];
if (!file) { console.error('用法: run-ts.js FILE.ts'); process.exit(2); }
process.argv.splice(2, 1);
await import(pathToFileURL(path.resolve(file)).href);
