// Runs the evaluation benchmark on its own: node bin/run-ts.js bench/evaluation.run.ts (bench/index.ts calls it too).
import { runEvaluationBench } from './evaluation.bench.ts';

await runEvaluationBench();
