import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: "the names of the client's query string",
      code: `app.get('/q', (req, res) => {
  for (const key of Object.keys(req.query)) key.replace(/\\d+$/, ''); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'a regex that backtracks exponentially, run over a route parameter',
      code: `router.get('/check/:name', (req, res) => {
  const word = /^([a-z]+)+$/;
  res.send(String(word.test(req.params.name))); // vigil-expect
  res.send(String(/^(\\d|\\w)+!$/.test(req.query.s))); // vigil-expect
});`,
    },
    {
      name: 'the same dot run over a body field, which can hold line breaks',
      code: `app.post('/q', (req, res) => {
  res.send(req.body.text.replace(/\\?.*$/, '')); // vigil-expect
});`,
    },
    {
      name: 'a regex held in a var that is never reassigned',
      code: `app.get('/trim', (req, res) => {
  var trailing = /\\s+$/;
  res.send(String(trailing.test(req.query.text))); // vigil-expect
});`,
    },
    {
      name: 'trailing blanks stripped from a query parameter',
      code: `app.get('/q', (req, res) => {
  const term = String(req.query.term).replace(/\\s+$/, ''); // vigil-expect
  res.json(search(term));
});`,
    },
    {
      name: 'a const regex with two loops that share spaces, run over the body',
      code: `const ASSIGNMENT = /^(\\w+)\\s*=\\s*(.*)$/;
app.post('/config', (req, res) => {
  const m = ASSIGNMENT.exec(req.body.line); // vigil-expect
  res.json(m);
});`,
    },
    {
      name: 'a cookie value cut at its first semicolon by an unanchored loop',
      code: `app.use((req, res, next) => {
  const raw = req.headers.cookie || '';
  req.flavour = raw.replace(/[ \\t]*;.*$/, ''); // vigil-expect
  next();
});`,
    },
    {
      name: 'a length bound too loose to help: 10,000 characters still take quadratic time',
      code: `const MAX = 10000;
app.get('/q', (req, res) => {
  const term = String(req.query.term);
  if (term.length > MAX) return res.sendStatus(400);
  res.json(term.replace(/\\s+$/, '')); // vigil-expect
});
app.get('/n', (req, res) => {
  const n = Number(req.query.n);
  if (n > 5) return res.sendStatus(400);
  res.json(String(req.query.q).replace(/\\s+$/, '')); // vigil-expect
});`,
    },
    {
      name: 'a cut too long to help, and a short cut lengthened again',
      code: `app.post('/w', (req, res) => {
  res.json(req.body.a.substring(0, 100000).replace(/\\s+$/, '')); // vigil-expect
  res.json(req.body.b.substring(0, 20).repeat(5000).replace(/\\s+$/, '')); // vigil-expect
  res.json(req.body.c.slice(10).replace(/\\s+$/, '')); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'the names of an object the program built, whatever its values hold',
      code: `app.get('/q', (req, res) => {
  const filters = { websiteId: req.query.id, startAt: 1 };
  for (const key of Object.keys(filters)) key.replace(/\\d+$/, '');
  for (const key in filters) key.replace(/\\d+$/, '');
  res.end();
});`,
    },
    {
      name: 'a dot run to the end of a request URL, which holds no line break',
      code: `app.use((req, res, next) => {
  const path = req.originalUrl.replace(/\\?.*$/, '');
  next();
});`,
    },
    {
      name: 'a let reassigned to a safe regex before use',
      code: `app.get('/trim', (req, res) => {
  let pattern = /\\s+$/;
  pattern = /^\\s+/;
  res.send(String(pattern.test(req.query.text)));
});`,
    },
    {
      name: 'anchored regex with disjoint neighbours',
      code: `app.get('/d', (req, res) => { res.json(/^[a-z]+-[0-9]+$/.test(req.query.id)); });`,
    },
    {
      name: 'length bounded before the regex runs',
      code: `app.get('/q', (req, res) => {
  const term = String(req.query.term);
  if (term.length > 200) return res.sendStatus(400);
  res.json(term.replace(/\\s+$/, ''));
});`,
    },
    {
      name: 'length bounded by a constant, by arithmetic, or by a caller-side limit before the regex runs',
      code: `const MAX_LENGTH = 256;
app.get('/q', (req, res) => {
  const term = String(req.query.term);
  if (term.length >= MAX_LENGTH) return res.sendStatus(400);
  res.json(term.replace(/\\s+$/, ''));
});
app.get('/r', (req, res) => {
  const term = String(req.query.term);
  if (term.length < 4 * 1024) res.json(term.replace(/\\s+$/, ''));
});`,
    },
    {
      name: 'text cut to a short constant length before the regex runs',
      code: `app.post('/workspaces', (req, res) => {
  const slug = String(req.body.name).toLowerCase().replace(/[^a-z0-9-]/g, '').substring(0, 20);
  res.json(slug.replace(/^-+|-+$/g, ''));
  res.json(req.body.title.slice(0, 120).replace(/\\s+$/, ''));
  res.json(req.body.note.substr(3, 64).replace(/\\s+$/, ''));
});`,
    },
    {
      name: 'a slow regex over a constant',
      code: `const banner = 'vigil   '.replace(/\\s+$/, '');`,
    },
    {
      name: 'a regex that is not a literal or const',
      code: `app.get('/q', (req, res) => { let re = /\\s+$/; re = pick(); res.json(re.test(req.query.q)); });`,
    },
  ],
} satisfies RuleCases;
