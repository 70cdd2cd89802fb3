// A scan worker thread: walks its share of the directories with the same judge and sends the counts back.
import { workerData } from 'node:worker_threads';
import { ScanJudge, walkFrames, type Frame, type WorkerInput } from './scan.js';

const input = workerData as WorkerInput;
const flags = new Int32Array(input.signal);
try {
  const judge = new ScanJudge({
    rules: input.rules, root: input.root, cwd: input.cwd, followLinks: input.followLinks, mustKeep: input.mustKeep,
    progress: (n) => Atomics.store(flags, input.slot * 2 + 1, n),
  });
  const frames: Frame[] = input.frames.map((f) => ({ fsPath: Buffer.from(f.fsPath), name: f.name, state: judge.stateFor(f.dropped) }));
  walkFrames(judge, frames, judge.setup);
  input.port.postMessage({ result: judge.dump() });
} catch (e) {
  input.port.postMessage({ error: (e as Error).message });
} finally {
  Atomics.store(flags, input.slot * 2, 1);
  Atomics.notify(flags, input.slot * 2);
}
