import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'react-markdown: raw HTML sanitised after, constant content, default escaping; markdown-it default',
      filename: 'Post.tsx',
      code: `import ReactMarkdown from 'react-markdown';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import MarkdownIt from 'markdown-it';
const md = new MarkdownIt({ linkify: true });
export const Post = ({ body }: { body: string }) => (
  <>
    <ReactMarkdown rehypePlugins={[rehypeRaw, rehypeSanitize]}>{body}</ReactMarkdown>
    <ReactMarkdown rehypePlugins={[rehypeRaw]}>{'# Terms'}</ReactMarkdown>
    <ReactMarkdown>{body}</ReactMarkdown>
  </>
);`,
    },
    {
      name: 'constant values marked as trusted',
      code: `const ICON = '<svg viewBox="0 0 8 8"></svg>';
this.icon = this.sanitizer.bypassSecurityTrustHtml(ICON);
this.frame = sanitizer.bypassSecurityTrustResourceUrl('https://player.example.org/embed');
$scope.note = $sce.trustAsHtml('<b>beta</b>');
$sce.trustAs($sce.URL, 'https://example.org/');`,
    },
    {
      name: 'escaped or sanitised markup',
      code: `import DOMPurify from 'dompurify';
$scope.bio = $sce.trustAsHtml(DOMPurify.sanitize(user.bio));
return new Handlebars.SafeString('<a href="' + Handlebars.escapeExpression(url) + '">link</a>');`,
    },
    {
      name: 'protection left on, and getters',
      code: `$sceProvider.enabled(true);
const on = $sceProvider.enabled();
$sanitizeProvider.enableSvg(false);
$sanitizeProvider.enableSvg();`,
    },
    {
      name: 'URL allow-lists that refuse javascript:',
      code: `$compileProvider.aHrefSanitizationTrustedUrlList(/^\\s*(https?|mailto|tel):/);
$compileProvider.imgSrcSanitizationWhitelist('^\\\\s*(https?|data:image/png)');`,
    },
    {
      name: 'same method names on other receivers',
      code: `feature.enabled(false);
policy.trustAsHtml(html);
server.aHrefSanitizationWhitelist(anything);
MyApp.execUnsafeLocalFunction(run);
MSApp.execUnsafeLocalFunction();`,
    },
    {
      name: 'a Trusted Types policy that sanitises',
      code: `import DOMPurify from 'dompurify';
trustedTypes.createPolicy('default', { createHTML: (s) => DOMPurify.sanitize(s) });
const hooks = { createHTML: (s) => s };`,
    },
    {
      name: 'template escaping left on, and constant data serialised unsafely',
      code: `const Handlebars = require('handlebars');
const serialize = require('serialize-javascript');
const page = Handlebars.compile(source, { noEscape: false, strict: true });
const card = Handlebars.compile(source);
Sqrl.autoEscaping(true);
config.escapeMarkup = true;
const boot = serialize({ version: '1.2.0', features: ['a', 'b'] }, { unsafe: true });
const state = serialize(store.getState(), { isJSON: true });`,
    },
  ],
  invalid: [
    {
      name: 'react-markdown with rehype-raw or the old props, markdown-it with html: true',
      filename: 'Comment.tsx',
      code: `import ReactMarkdown from 'react-markdown';
import rehypeRaw from 'rehype-raw';
import markdownit from 'markdown-it';
const md = markdownit({ html: true, linkify: true }); // vigil-expect
export function Comment({ text }: { text: string }) {
  const a = <ReactMarkdown rehypePlugins={[[rehypeRaw, {}]]}>{text}</ReactMarkdown>; // vigil-expect
  const b = <ReactMarkdown escapeHtml={false} source={text} />; // vigil-expect
  const c = <ReactMarkdown allowDangerousHtml children={text} />; // vigil-expect
  return <div>{a}{b}{c}</div>;
}`,
    },
    {
      name: 'the search query of an Angular route marked as trusted HTML (a proven flow)',
      filename: 'search.component.ts',
      code: `import { Component, inject } from '@angular/core';
import { DomSanitizer } from '@angular/platform-browser';
import { ActivatedRoute } from '@angular/router';
@Component({ selector: 'app-search', template: '<p [innerHTML]="term"></p>' })
export class SearchComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly sanitizer = inject(DomSanitizer);
  term: unknown;
  ngOnInit() {
    const q: string = this.route.snapshot.queryParams.q;
    this.term = this.sanitizer.bypassSecurityTrustHtml(q.trim()); // vigil-expect
  }
}`,
    },
    {
      name: 'template engines told not to escape',
      code: `import Handlebars from 'handlebars';
import * as Sqrl from 'squirrelly';
const render = Handlebars.compile(templateSource, { noEscape: true }); // vigil-expect
const isolated = Handlebars.create();
const mail = isolated.compile(mailSource, { noEscape: true }); // vigil-expect
Sqrl.autoEscaping(false); // vigil-expect
settings.escapeMarkup = false; // vigil-expect`,
    },
    {
      name: 'serialize-javascript unsafe on data from the program',
      code: `const serialize = require('serialize-javascript');
export function bootScript(user) {
  return '<script>window.__USER__ = ' + serialize({ name: user.name }, { unsafe: true }) + '</script>'; // vigil-expect
}`,
    },
    {
      name: 'Angular DomSanitizer bypass of a component input',
      code: `export class Preview {
  @Input() html = '';
  constructor(private sanitizer: DomSanitizer) {}
  get safe() {
    return this.sanitizer.bypassSecurityTrustHtml(this.html); // vigil-expect
  }
  frame(url: string) {
    return this.sanitizer.bypassSecurityTrustResourceUrl(url); // vigil-expect
  }
}`,
    },
    {
      name: 'AngularJS $sce trust of scope data',
      code: `app.controller('Post', function ($scope, $sce, $sceDelegate) {
  $scope.body = $sce.trustAsHtml($scope.post.body); // vigil-expect
  $scope.link = $sce.trustAs($sce.URL, $scope.post.link); // vigil-expect
  $scope.js = $sceDelegate.trustAs('js', code); // vigil-expect
});`,
    },
    {
      name: 'SCE turned off, SVG turned on',
      code: `app.config(function ($sceProvider, $sanitizeProvider) {
  $sceProvider.enabled(false); // vigil-expect
  $sceProvider.enabled(0 === 1); // vigil-expect
  $sanitizeProvider.enableSvg(true); // vigil-expect
});`,
    },
    {
      name: 'allow-lists that admit every URL',
      code: `$compileProvider.aHrefSanitizationWhitelist(/.*/); // vigil-expect
$compileProvider.imgSrcSanitizationTrustedUrlList('^(https?|javascript):'); // vigil-expect
$compileProvider.aHrefSanitizationTrustedUrlList(settings.allowedLinks); // vigil-expect`,
    },
    {
      name: 'markup wrappers and the platform filter switched off',
      code: `import { unsafeHTML } from 'lit/directives/unsafe-html.js';
Handlebars.registerHelper('raw', (s) => new Handlebars.SafeString(s)); // vigil-expect
const view = html\`<div>\${unsafeHTML(this.content)}</div>\`; // vigil-expect
MSApp.execUnsafeLocalFunction(() => { host.innerHTML = markup; }); // vigil-expect`,
    },
    {
      name: 'a Trusted Types policy that trusts anything',
      code: `trustedTypes.createPolicy('default', {
  createHTML: (s) => s, // vigil-expect
  createScriptURL(u) { return u; }, // vigil-expect
});`,
    },
  ],
} satisfies RuleCases;
