import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'literal and constant patterns',
      code: `const WORD = '\\\\w+';\nnew RegExp('^[a-z]+$', 'i');\nnew RegExp(WORD + '$');\nRegExp(/x/);`,
    },
    {
      name: 'escaped input',
      code: `import escapeStringRegexp from 'escape-string-regexp';\nnew RegExp(escapeStringRegexp(term), 'i');\nnew RegExp(\`^\${_.escapeRegExp(prefix)}\`);`,
    },
    { name: 'inline escape', code: `new RegExp(term.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&'));` },
    {
      name: 'shadowed RegExp',
      code: `class RegExp { constructor(public s: string) {} }\nnew RegExp(userInput);`,
    },
    {
      name: 'a choice between constants',
      code: `new RegExp(\`\${esc === '\\\\' ? '\\\\\\\\' : '\\\`'}[ \\\\t]*$\`);`,
    },
    { name: 'constant flags only', code: `const re = new RegExp('a|b', flags);` },
    {
      name: 'another regex source and mapped escapes',
      code: `const LB = /\\r\\n|[\\r\\n]/u;\nnew RegExp(LB.source, 'gu');\nnew RegExp(String.raw\`^(\${markers.map(escapeRegExp).join('|')})\`, 'u');`,
    },
  ],
  invalid: [
    {
      name: 'user pattern',
      code: `export function search(q: string) {\n  return new RegExp(q); // vigil-expect\n}`,
    },
    {
      name: 'template and concatenation with raw input',
      code: `const re1 = new RegExp(\`^\${prefix}-\\\\d+$\`); // vigil-expect\nconst re2 = RegExp('(' + words.join('|') + ')', 'g'); // vigil-expect`,
    },
    {
      name: 'request query',
      code: `app.get('/s', (req, res) => {\n  const re = new RegExp(req.query.pattern as string, 'i'); // vigil-expect\n  res.json(items.filter((i) => re.test(i)));\n});`,
    },
  ],
} satisfies RuleCases;
