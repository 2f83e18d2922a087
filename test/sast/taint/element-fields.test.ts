/**
 * An element of an array literal of object literals, read at a field, carries the taint that field
 * holds in some element, not its sibling fields' (`[{ key: 'pageId', value: page.id }].forEach((cfg)
 * => new RegExp(cfg.key))`); the whole element's once the array may have changed unseen.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import regexpRule from '../../../rules/js/regexp-injection.ts';

/** Lines of proven flows (the rule's pattern half, with no source, is left out). */
function lines(code: string): number[] {
  const result = runRules('case.js', code, [regexpRule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings.filter((f) => f.flow).map((f) => f.location.startLine);
}

/** A handler that declares `rows` (line 3), runs `setup` (line 4), then `read` (line 5). */
const handler = (rows: string, setup: string, read: string) =>
  `const app = require('express')();\napp.get('/', (req, res) => {\n  const rows = ${rows};\n  ${setup};\n  ${read};\n});`;

const TABLE = "[{ key: 'a', value: req.query.v }, { key: 'b', value: req.params.id }]";

describe('fields of the elements of an array literal', () => {
  it.each([
    ['forEach', 'rows.forEach((cfg) => new RegExp(cfg.key))'],
    ['a destructured callback parameter', 'rows.map(({ key }) => new RegExp(key))'],
    ['reduce', "rows.reduce((s, cfg) => s + new RegExp(cfg.key).source, '')"],
    ['for…of', 'for (const cfg of rows) new RegExp(cfg.key)'],
    ['for…of destructuring', 'for (const { key } of rows) new RegExp(key)'],
    ['an unknown index', 'new RegExp(rows[req.query.i].key)'],
    ['the array literal itself', "[{ key: 'a', value: req.query.v }].some((cfg) => new RegExp(cfg.key))"],
    ['a field no element has', 'for (const cfg of rows) new RegExp(cfg.other)'],
  ])('keeps a constant field clean: %s', (_, read) => {
    expect(lines(handler(TABLE, '', read))).toEqual([]);
  });

  it.each([
    ['the tainted field', 'rows.forEach((cfg) => new RegExp(cfg.value))'],
    ['the element whole', "rows.forEach((cfg) => new RegExp(cfg + ''))"],
    ['a computed field', 'rows.forEach((cfg) => new RegExp(cfg[req.query.f]))'],
    ['the rest of a destructuring', 'for (const { key, ...rest } of rows) new RegExp(rest.value)'],
  ])('taints a field that may hold the data: %s', (_, read) => {
    expect(lines(handler(TABLE, '', read))).toEqual([5]);
  });

  it.each([
    ['a key from the request in one element', "[{ key: 'a' }, { key: req.query.k }]"],
    ['an element spread from the request', "[{ key: 'a' }, { ...req.query }]"],
    ['a spread after the key', "[{ key: 'a', ...req.body }]"],
    ['an element that is the request data', "[{ key: 'a' }, req.body]"],
    ['an array spread into the literal', "[{ key: 'a' }, ...req.body.rows]"],
  ])('taints the field any element may set: %s', (_, rows) => {
    expect(lines(handler(rows, '', 'rows.forEach((cfg) => new RegExp(cfg.key))'))).toEqual([5]);
  });

  it.each([
    ['pushed to', 'rows.push({ key: req.query.k })'],
    ['an element replaced', 'rows[0] = req.body'],
    ['a field written through an element', 'rows[1].key = rows[0].value'],
    ['a field written in a callback', 'rows.forEach((r) => { r.key = r.value; })'],
    ['handed to a function not of this file', 'shuffleFields(rows)'],
    ['an element handed over', 'Object.assign(rows[0], { key: rows[1].value })'],
  ])('falls back to the whole array once it is %s', (_, setup) => {
    const rows = "[{ key: 'a', value: req.query.v }, { key: 'b', value: 'c' }]";
    expect(lines(handler(rows, setup, 'rows.forEach((cfg) => new RegExp(cfg.key))'))).toEqual([5]);
  });

  it('keeps the steps the element took', () => {
    const code = handler(TABLE, '', 'rows.forEach((cfg) => new RegExp(cfg.value))');
    const [finding] = runRules('case.js', code, [regexpRule]).findings.filter((f) => f.flow);
    expect(finding?.flow?.map((s) => s.message)).toContain('assigned to cfg');
  });
});
