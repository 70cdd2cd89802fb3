// Loads the tree-sitter bash grammar (WASM) once and hands out the shared parser.
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

let pending: Promise<Parser> | undefined;

async function load(): Promise<Parser> {
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm');
  const bash = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(bash);
  return parser;
}

/** The shared bash parser; the grammar is loaded on the first call only. */
export function getBashParser(): Promise<Parser> {
  if (!pending) {
    pending = load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
  }
  return pending;
}
