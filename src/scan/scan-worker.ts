// A scan worker thread: walks the directories it is handed, chunk by chunk, with the same judge and sends the counts back.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { ScanJudge, walkFrames, type Frame, type FrameData, type WorkerInput, type WorkerMessage, type WorkerReply } from './scan.js';

const input = workerData as WorkerInput;
const flags = new Int32Array(input.signal);
try {
  const judge = new ScanJudge({
    rules: input.rules, root: input.root, cwd: input.cwd, followLinks: input.followLinks, mustKeep: input.mustKeep,
    progress: (n) => Atomics.store(flags, input.slot * 2 + 1, n),
  });
  const toFrames = (data: FrameData[]): Frame[] => data.map((f) => ({ fsPath: Buffer.from(f.fsPath), name: f.name, state: judge.stateFor(f.dropped) }));
  // ask for the next chunk before walking this one, so the answer is there when it is needed
  for (let frames = toFrames(input.frames); frames.length;) {
    input.port.postMessage({ more: true } satisfies WorkerMessage);
    walkFrames(judge, frames, judge.setup);
    let reply;
    while (!(reply = receiveMessageOnPort(input.port))) Atomics.wait(flags, input.slot * 2, 0, 1);
    const r = reply.message as WorkerReply;
    frames = 'frames' in r ? toFrames(r.frames) : [];
  }
  input.port.postMessage({ result: judge.dump() } satisfies WorkerMessage);
} catch (e) {
  input.port.postMessage({ error: (e as Error).message } satisfies WorkerMessage);
} finally {
  Atomics.store(flags, input.slot * 2, 1);
  Atomics.notify(flags, input.slot * 2);
}
