// Converts string indices (UTF-16 code units, as tree-sitter reports them) into 1-based line/column positions.
import type { Pos, SourceRange } from './types.js';

/** Line-start table of a text, for index → position lookups. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** The 1-based position of a string index. */
  pos(index: number): Pos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - this.starts[lo] + 1 };
  }

  /** The range between two string indices (end exclusive). */
  range(start: number, end: number): SourceRange {
    return { start: this.pos(start), end: this.pos(end) };
  }
}
