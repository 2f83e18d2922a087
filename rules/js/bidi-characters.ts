import { defineRule } from '../../src/sast/rule.ts';
import { offsetLocator } from '../../src/sast/source-text.ts';

/**
 * Unicode bidirectional embedding, override and isolate controls (LRE, RLE, PDF, LRO, RLO, LRI,
 * RLI, FSI, PDI): the ones Trojan Source (CVE-2021-42574) uses to make code read differently
 * from how it compiles. One character class, so the scan is linear.
 */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

export default defineRule({
  meta: {
    id: 'js/bidi-characters',
    kind: 'sast',
    title: 'Bidirectional control character in source (Trojan Source)',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-451'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      'Unicode bidirectional controls (U+202A–U+202E, U+2066–U+2069) reorder how a line is shown ' +
      'without changing how it runs, so a reviewer sees a comment where the engine sees code, or ' +
      'an early return that is not there (Trojan Source, CVE-2021-42574). vigil reports every line ' +
      'holding one, in code, comments or strings. Remove them; write a needed one as an escape ' +
      '(`"\\u202E"`), which shows in review.',
    fixHint: 'Delete the control character, or write it as a \\u escape inside a string.',
  },
  hint: BIDI,
  create(context) {
    return {
      Program() {
        const text = context.sourceText;
        if (!BIDI.test(text)) return;
        const locate = offsetLocator(text);
        let lastLine = 0;
        for (const m of text.matchAll(/[\u202A-\u202E\u2066-\u2069]/g)) {
          const { line, column } = locate(m.index);
          if (line === lastLine) continue; // one finding per line
          lastLine = line;
          const code = m[0].codePointAt(0)!.toString(16).toUpperCase();
          context.report({
            loc: { start: { line, column: column - 1 }, end: { line, column } },
            message: `Bidirectional control U+${code} hides what this line really does.`,
          });
        }
      },
    };
  },
});
