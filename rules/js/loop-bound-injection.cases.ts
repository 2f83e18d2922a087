import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a body wrapped in an array unless it is one, and a loop in a function run at once inside an array check',
      code: `app.post('/statuses', (req, res) => {
  let statuses = req.body;
  if (!Array.isArray(statuses)) {
    statuses = [statuses];
  }
  for (let i = 0; i < statuses.length; i++) save(statuses[i]);
  let treatments = req.body.treatments;
  if (!_isArray(treatments)) treatments = [treatments];
  for (let i = 0; i < treatments.length; i++) save(treatments[i]);
  if (_.isArray(req.body.rows)) for (let i = 0; i < req.body.rows.length; i++) save(req.body.rows[i]);
  if (Array.isArray(req.body.items)) {
    (async () => {
      for (let i = 0; i < req.body.items.length; i++) await save(req.body.items[i]);
    })();
  }
  res.sendStatus(201);
});`,
    },
    {
      name: "a Next.js page's query: text or lists of text from the URL, whose length the URL bounds",
      filename: 'pages/ramp/[id].tsx',
      code: `import { useRouter } from 'next/router';
export default function Ramp() {
  const { query } = useRouter();
  const seed = query.seed as string;
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0;
  const ids = query.ids;
  for (let i = 0; i < ids.length; i++) show(ids[i]);
  return h;
}`,
    },
    {
      name: "a Web Worker's own message event: only pages of its origin post to it",
      filename: 'stylesheet.worker.ts',
      code: `self.addEventListener('message', ({ data }) => {
  let depth = 0;
  for (let i = 0; i < data.text.length; i++) if (data.text[i] === '(') depth++;
  self.postMessage({ depth });
});`,
    },
    {
      name: 'a bound over a list a for…of already went through (an object with a forged length throws there)',
      code: `app.delete('/links', async (req, res) => {
  const ids = req.body.ids;
  for (const id of ids) await check(id);
  for (let i = 0; i < ids.length; i++) await remove(ids[i]);
  res.end();
});`,
    },
    {
      name: 'checked to be an array first',
      code: `app.post('/sum', (req, res) => {
  const items = req.body.items;
  if (!Array.isArray(items)) return res.sendStatus(400);
  let total = 0;
  for (let i = 0; i < items.length; i++) total += Number(items[i]);
  res.json({ total });
});`,
    },
    {
      name: 'a string from the URL has a length bounded by the URL',
      code: `app.get('/chars/:word', (req, res) => {
  const word = req.params.word;
  for (let i = 0; i < word.length; i++) res.write(word[i]);
  res.end();
});`,
    },
    {
      name: 'for…of never reads a length property',
      code: `app.post('/names', (req, res) => {
  const names = [];
  for (const user of req.body.users) names.push(String(user.name));
  res.json(names);
});`,
    },
    {
      name: 'a server-side array',
      code: `const users = loadUsers();
app.get('/all', (req, res) => {
  for (let i = 0; i < users.length; i++) res.write(users[i].name);
  res.end();
});`,
    },
    {
      name: "a helper's loop over a parameter given an array literal",
      code: `function embed(items) {
  for (let i = 0; i < items.length; i++) index(items[i]);
}
app.post('/exp', (req, res) => {
  const updated = { ...req.body, id: 'e1' };
  embed([updated]);
  const batch = [req.body.a, req.body.b];
  embed(batch);
  res.end();
});`,
    },
  ],
  invalid: [
    {
      name: 'a body wrapped in an array under another test, and a callback stored for later inside an array check',
      code: `app.post('/statuses', (req, res) => {
  let statuses = req.body;
  if (!statuses.length) {
    statuses = [statuses];
  }
  for (let i = 0; i < statuses.length; i++) save(statuses[i]); // vigil-expect
  if (Array.isArray(req.body.items)) {
    const later = () => {
      for (let i = 0; i < req.body.items.length; i++) save(req.body.items[i]); // vigil-expect
    };
    queue.push(later);
  }
  res.sendStatus(201);
});`,
    },
    {
      name: "the window's message event, which any site that can reach the window may post",
      filename: 'editor.ts',
      code: `window.addEventListener('message', ({ data }) => {
  let depth = 0;
  for (let i = 0; i < data.text.length; i++) depth++; // vigil-expect
  console.log(depth);
});`,
    },
    {
      name: "a helper's loop over a parameter given the body's field, or an array's element",
      code: `function embed(items) {
  for (let i = 0; i < items.length; i++) index(items[i]); // vigil-expect
}
function first(lists) {
  for (let i = 0; i < lists[0].length; i++) index(lists[0][i]); // vigil-expect
}
app.post('/exp', (req, res) => {
  embed(req.body.items);
  first([req.body.items]);
  res.end();
});`,
    },
    {
      name: 'a for…of that runs only on one branch proves nothing after it',
      code: `app.delete('/links', async (req, res) => {
  const ids = req.body.ids;
  if (req.query.check) for (const id of ids) await check(id);
  for (let i = 0; i < ids.length; i++) await remove(ids[i]); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'a body field as the loop bound',
      code: `app.post('/list-users', (req, res) => {
  const users = req.body.users;
  const out = [];
  for (let i = 0; i < users.length; i++) { // vigil-expect
    out.push(users[i]);
  }
  res.json(out);
});`,
    },
    {
      name: 'the whole body, counted down from its length in a while loop',
      code: `router.post('/drain', (req, res) => {
  const batch = req.body;
  let i = 0;
  while (batch.length > i) i++; // vigil-expect
  res.json({ i });
});`,
    },
    {
      name: 'a query-string array (extended parser) in a do…while loop',
      code: `app.get('/tags', (req, res) => {
  const tags = req.query.tags;
  let i = 0;
  do {
    res.write(String(i));
    i++;
  } while (i < tags.length); // vigil-expect
  res.end();
});`,
    },
  ],
} satisfies RuleCases;
