import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'constant markup',
      filename: 'a.jsx',
      code: `const Logo = () => <span dangerouslySetInnerHTML={{ __html: '<b>v</b>' }} />;`,
    },
    {
      name: 'sanitised with DOMPurify',
      filename: 'a.jsx',
      code: `import DOMPurify from 'dompurify';\nexport const Bio = ({ bio }) => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(bio) }} />;`,
    },
    {
      name: 'rendered as text',
      filename: 'a.jsx',
      code: `export const Bio = ({ bio }) => <div>{bio}</div>;`,
    },
    {
      name: 'constant object through a binding',
      filename: 'a.tsx',
      code: `const ICON = { __html: '<svg/>' };\nexport const Icon = () => <i dangerouslySetInnerHTML={ICON} />;`,
    },
    {
      name: 'unrelated prop name',
      filename: 'a.jsx',
      code: `export const A = ({ h }) => <Editor setInnerHTML={{ __html: h }} />;`,
    },
  ],
  invalid: [
    {
      name: 'prop value',
      filename: 'a.jsx',
      code: `export function Comment({ body }) {\n  return <div dangerouslySetInnerHTML={{ __html: body }} />; // vigil-expect\n}`,
    },
    {
      name: 'opaque object',
      filename: 'a.tsx',
      code: `export const Post = (p: { html: { __html: string } }) => (\n  <article dangerouslySetInnerHTML={p.html} /> // vigil-expect\n);`,
    },
    {
      name: 'createElement props',
      code: `React.createElement('div', { dangerouslySetInnerHTML: { __html: marked(md) } }); // vigil-expect`,
    },
    {
      name: 'template literal',
      filename: 'a.jsx',
      code: `const Card = ({ t }) => <p dangerouslySetInnerHTML={{ __html: \`<em>\${t}</em>\` }} />; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
