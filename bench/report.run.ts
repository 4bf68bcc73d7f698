// Runs the report benchmark on its own: node bin/run-ts.js bench/report.run.ts (bench/index.ts calls it too).
import { runReportBench } from './report.bench.ts';

await runReportBench();
