// RSL305 crlf-script: a CRLF shell script leaves a `\r` on the last word of each line, and rsync gets it.
import * as path from 'node:path';
import type { LintRule } from '../src/engine/types.js';

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL305',
    name: 'crlf-script',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'A shell script with CRLF line endings: the carriage return stays on the last word of each line and reaches rsync',
    messages: {
      cr: '`{{word}}` ends with a carriage return because the script has CRLF line endings: {{effect}}; convert the script to LF (`dos2unix {{file}}`)',
      continuation: 'the line ends in `\\` and a carriage return because the script has CRLF line endings: bash ends the command after `{{word}}` and gives rsync a last argument that is just `\\r` (taken as the destination), and the next line runs as a command of its own; convert the script to LF (`dos2unix {{file}}`)',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    const model = unit.model;
    if (unit.kind !== 'command' || !unit.crlf || !unit.words || !model) return;
    const sources = new Set(model.sources.map((s) => s.operand.wordIndex));
    const siteWords = new Set(unit.sites.map((s) => s.rule.origin.argv));
    const file = path.basename(unit.file);
    // a continuation line: `\` then CR escapes the CR instead of the newline, so the command ends there
    const words = unit.words;
    let end = words.length;
    for (let i = 0; i + 1 < words.length; i++) {
      const w = words[i];
      const next = words[i + 1];
      if (w.fromExpansion || next.fromExpansion || w.text.includes('\r') || next.location.line <= w.location.endLine) continue;
      context.report({ location: w.location, messageId: 'continuation', data: { word: w.text, file } });
      end = i + 1;
      break;
    }
    words.slice(0, end).forEach((w, i) => {
      if (!w.text.includes('\r')) return;
      const word = w.text.replace(/\r+$/, '');
      let effect = 'rsync gets the option with a `\\r` at its end';
      if (i === 0) effect = 'the shell looks for a program named `rsync\\r`';
      else if (model.dest?.operand.wordIndex === i) effect = `rsync writes into a new directory named \`${word}\\r\``;
      else if (sources.has(i)) effect = `rsync looks for a source named \`${word}\\r\``;
      else if (siteWords.has(i)) effect = 'the pattern matches only names that end in `\\r`';
      const l = w.location;
      const endColumn = l.endLine === l.line && l.endColumn > l.column + 1 ? l.endColumn - 1 : l.endColumn;
      context.report({
        location: { ...l, endColumn }, messageId: 'cr', data: { word, effect, file },
        suggest: [{ message: 'convert the line endings to LF', replacement: word }],
      });
    });
  },
};
