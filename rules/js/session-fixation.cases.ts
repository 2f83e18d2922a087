import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'the user stored in the callback of regenerate',
      code: `const bcrypt = require('bcrypt');
router.post('/signin', async (req, res, next) => {
  const account = await Accounts.byEmail(req.body.email);
  if (!account || !(await bcrypt.compare(req.body.password, account.hash))) return res.sendStatus(401);
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.accountId = account.id;
    res.redirect('/home');
  });
});`,
    },
    {
      name: 'regenerated (promisified) before the write',
      code: `const { promisify } = require('util');
async function finishLogin(req, res) {
  const member = await directory.authenticate(req.body.name, req.body.secret);
  await promisify(req.session.regenerate.bind(req.session))();
  req.session.member = member.id;
  res.end();
}`,
    },
    {
      name: 'a logout that clears the login',
      code: `app.post('/logout', (req, res) => {
  req.session.user = null;
  req.session.loggedIn = false;
  req.session.destroy(() => res.redirect('/'));
});`,
    },
    {
      name: 'writes that are not a login: a cart, where to go after it, a pending second factor, a login to come',
      code: `app.post('/login', (req, res) => {
  req.session.cart = req.session.cart || [];
  req.session.returnTo = req.get('referer');
  if (checkPassword(req.body.pwd)) req.session.pendingUserId = req.body.name;
  req.session.loginEmail = req.body.email;
  req.session.forceLogin = 1;
  res.redirect('/login/otp');
});`,
    },
    {
      name: 'a page that only reads the session',
      code: `app.get('/account', (req, res) => {
  if (!req.session.userId) return res.redirect('/login');
  res.render('account', { user: req.session.user });
});`,
    },
    {
      name: 'a profile update that reads a password, and a login check refreshing the user',
      code: `app.post('/profile', async (req, res) => {
  const user = await Users.update(req.session.userId, { name: req.body.name, password: req.body.password });
  req.session.user = user;
  res.redirect('/profile');
});
async function requireAuth(req, res, next) {
  if (!req.session.userId) return res.redirect('/login');
  req.session.user = await Users.byId(req.session.userId);
  next();
}`,
    },
    {
      name: 'a session write in a handler that logs no one in',
      code: `app.post('/preferences', (req, res) => {
  req.session.role = req.body.viewAs === 'editor' ? 'editor' : 'reader';
  res.sendStatus(204);
});`,
    },
    {
      name: "passport's req.logIn with no passport declared (0.6 and later regenerate the session)",
      code: `app.post('/login', (req, res, next) => {
  passport.authenticate('local', (err, user) => {
    if (err || !user) return res.redirect('/login');
    req.logIn(user, (e) => (e ? next(e) : res.redirect('/')));
  })(req, res, next);
});`,
    },
    {
      name: 'a helper that regenerates the session it is handed',
      code: `function startSession(session, user, done) {
  session.regenerate((err) => {
    if (!err) session.user = user.id;
    done(err);
  });
}
app.post('/login', (req, res, next) => {
  startSession(req.session, req.user, (err) => (err ? next(err) : res.redirect('/')));
});`,
    },
    {
      name: 'a helper that is not a handler (no request parameter)',
      code: `function remember(session, user) {
  if (verifyUser(user)) session.user = user;
}`,
    },
  ],
  invalid: [
    {
      name: 'a helper marking the session a login handler hands it',
      code: `function signedIn(session, next, res) {
  session.loggedIn = true; // vigil-expect
  res.redirect(next || '/');
}
exports.loginHandler = function (req, res) {
  Users.findOne({ name: req.body.name, password: req.body.password }, (err, found) => {
    if (found) return signedIn(req.session, req.body.next, res);
    res.status(401).end();
  });
};
exports.settings = function (req, res) {
  signedIn(req.session, '/settings', res);
};`,
    },
    {
      name: 'the user id stored after a bcrypt check',
      code: `const bcrypt = require('bcryptjs');
app.post('/api/session', async (req, res) => {
  const person = await db.people.findOne({ email: req.body.email });
  if (!person || !bcrypt.compareSync(req.body.passcode, person.hash)) return res.status(401).end();
  req.session.userId = person.id; // vigil-expect
  res.json({ ok: true });
});`,
    },
    {
      name: 'a login handler marking the session in a callback (reported once)',
      code: `this.handleSignIn = function (req, res, next) {
  accounts.lookup(req.body.name, (err, acct) => {
    if (err) return next(err);
    req.session.authenticated = true; // vigil-expect
    req.session.accountId = acct.id;
    res.redirect('/');
  });
};`,
    },
    {
      name: 'Object.assign, on a route whose path says auth',
      code: `router.post('/auth/local', function (req, res) {
  Object.assign(req.session, { account: req.body.name, isAdmin: false }); // vigil-expect
  res.redirect('/');
});`,
    },
    {
      name: 'through a session alias, after a password check',
      code: `router.post('/enter', function (req, res) {
  Users.checkPassword(req.body.name, req.body.pwd, (err, found) => {
    const s = req.session;
    if (found.length) s.loggedIn = 1; // vigil-expect
    res.redirect('/dashboard');
  });
});`,
    },
    {
      name: 'a regenerate in another handler does not protect this one',
      code: `app.post('/register', (req, res) => {
  req.session.regenerate(() => res.end());
});
app.post('/verify', (req, res) => {
  if (tokens.verify(req.body.code)) req.session.username = req.body.name; // vigil-expect
  res.end();
});`,
    },
  ],
} satisfies RuleCases;
