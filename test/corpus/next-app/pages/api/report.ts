import type { NextApiRequest, NextApiResponse } from 'next';
import { exec, execFile } from 'child_process';
import util from 'util';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { format } = req.query;
  exec(`report --format ${format}`, (err, out) => res.status(200).send(out)); // vuln: js/command-injection
  execFile('report', ['--format', String(format)], () => undefined); // safe: js/command-injection
  const title = util.format(req.query.title as string, 'x'); // vuln: js/tainted-format-string
  const safeTitle = util.format('%s report', req.query.title); // safe: js/tainted-format-string
  res.json({ title, safeTitle });
}
