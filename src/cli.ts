#!/usr/bin/env node
// rsync-lint command-line entry: sets V8 flags before anything loads WebAssembly, then runs the CLI.
import { setFlagsFromString } from 'node:v8';

// tree-sitter's grammar is WebAssembly; without this Node 20 spends ~1.4 s tiering it up at exit.
setFlagsFromString('--liftoff-only');

// a reader that stops early (`rsync-lint ... | head`) closes the pipe: stop quietly, as cat and grep do
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
