import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'the body handed to a helper that merges it into the stored record',
      code: `async function updateUser(id, changes) {
  const user = await users.findOne(id);
  return users.save(Object.assign(user, changes)); // vigil-expect
}
app.put('/users/:id', (req, res) => updateUser(req.params.id, req.body).then((u) => res.json(u)));`,
    },
    {
      name: 'Sequelize create with req.body',
      code: `app.post('/users', async (req, res) => {
  const user = await User.create(req.body); // vigil-expect
  res.json(user);
});`,
    },
    {
      name: 'Mongoose findByIdAndUpdate through a variable',
      code: `app.put('/users/:id', async (req, res) => {
  const changes = req.body;
  await User.findByIdAndUpdate(req.params.id, changes); // vigil-expect
});`,
    },
    {
      name: 'Object.assign onto the loaded entity',
      code: `app.patch('/me', async (req, res) => {
  const me = await repo.findOne(req.user.id);
  Object.assign(me, req.body); // vigil-expect
});`,
    },
    {
      name: 'a copy of the body made with Object.assign, then stored',
      code: `app.post('/users', async (req, res) => {
  const fields = Object.assign({ role: 'user' }, req.body);
  res.json(await User.create(fields)); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'query defaults merged into a new object that stays a query',
      code: `app.get('/search', (req, res) => {
  req.query = Object.assign(Object.fromEntries(new URLSearchParams('page=1')), req.query);
  res.json(Object.assign({}, req.query, { at: Date.now() }));
});`,
    },
    {
      name: 'a service of this program that copies the fields it accepts',
      code: `class ArticleService {
  async create(data) {
    const article = new Article();
    article.title = String(data.title);
    return this.articles.save(article);
  }
}
const service = new ArticleService();
app.post('/articles', (req, res) => service.create(req.body).then((a) => res.json(a)));`,
    },
    {
      name: 'a field of the body handed to a data-access object',
      code: `const memos = new MemosDAO(db);
app.post('/memos', (req, res) => {
  memos.insert(req.body.memo, () => res.redirect('/memos'));
});`,
    },
    {
      name: 'picked fields',
      code: `app.post('/users', async (req, res) => { const { name, email } = req.body; await User.create({ name, email }); });`,
    },
    {
      name: 'one field from the body',
      code: `app.post('/users', async (req, res) => { await User.create({ name: req.body.name }); });`,
    },
    {
      name: 'Object.assign of constants',
      code: `app.post('/x', (req, res) => { Object.assign({}, { a: 1 }); });`,
    },
    {
      name: 'a Set add is not a model',
      code: `app.post('/x', (req, res) => { const seen = new Set(); seen.add(req.body); });`,
    },
  ],
} satisfies RuleCases;
