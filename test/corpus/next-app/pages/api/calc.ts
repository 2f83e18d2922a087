import type { NextApiRequest, NextApiResponse } from 'next';
import vm from 'node:vm';

const OPERATIONS: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  mul: (a, b) => a * b,
};

export default function calc(req: NextApiRequest, res: NextApiResponse) {
  const { expr, op, a, b } = req.body;
  const result = eval(expr); // vuln: js/code-injection
  const sandboxed = vm.runInNewContext(String(expr), {}); // vuln: js/code-injection
  const parsed = JSON.parse(expr); // safe: js/code-injection
  setTimeout(() => res.json({ result, sandboxed, parsed }), 0); // safe: js/code-injection
  const fn = OPERATIONS[op]; // safe: js/unsafe-dynamic-method
  res.json({ value: fn ? fn(Number(a), Number(b)) : null });
}
