import type { SinkSpec } from '../taint/spec.ts';

/**
 * Template engines' calls whose argument is template TEXT (compiled, so it reaches JavaScript),
 * from each engine's documented API. The data object rendered into a template is not a sink here.
 * The js/template-injection rule reads these.
 */
const TEMPLATE_TEXT = [
  ...['render', 'compile'].flatMap((m) => [`ejs.${m}`, `jade.${m}`]),
  ...['render', 'compile', 'compileClient', 'compileClientWithDependenciesTracked'].map((m) => `pug.${m}`),
  ...['compile', 'precompile'].flatMap((m) => [`handlebars.${m}`, `handlebars.create().${m}`]),
  'lodash.template',
  'lodash.template.default',
  'underscore.template',
  ...['renderString', 'compile'].flatMap((m) => [
    `nunjucks.${m}`,
    `nunjucks.Environment().${m}`,
    `nunjucks.configure().${m}`,
  ]),
  'nunjucks.Template',
  'mustache.render',
  'mustache.parse',
  'mustache.to_html',
  'hogan.js.compile',
  'dot.template',
  'dot.compile',
  'eta.render',
  'eta.renderAsync',
  'eta.compile',
  'eta.Eta().renderString',
  'eta.Eta().renderStringAsync',
  'squirrelly.render',
  'squirrelly.compile',
  'squirrelly.Compile',
  'liquidjs.Liquid().parseAndRender',
  'liquidjs.Liquid().parseAndRenderSync',
  'liquidjs.Liquid().parse',
  'art-template.render',
  'art-template.compile',
  'velocityjs.render',
  'velocityjs.Compile',
  'swig.render',
  'swig.compile',
  'twig.twig',
];

export const TEMPLATE_SINKS: SinkSpec[] = [
  // twig.twig({ data: text }) takes the template as an option; the others take it first.
  { call: TEMPLATE_TEXT, args: [0], keys: ['data', 'template'], label: 'a template to compile' },
];
