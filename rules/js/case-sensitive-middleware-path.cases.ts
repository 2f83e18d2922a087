import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'the pattern ignores case, or the gate is mounted on a string path',
      code: `app.use(/^\\/admin(\\/|$)/i, requireAdmin);
app.use('/staff', ensureStaffRole);
app.get('/admin/reports', reports);
app.get('/staff/rota', rota);`,
    },
    {
      name: 'a pattern with no letters, and one for a middleware that gates nothing',
      code: `app.use(/^\\/\\d+\\//, checkRole);
app.use(/^\\/assets\\//, cacheHeaders);
app.get('/42/items', items);
app.get('/assets/logo.png', logo);`,
    },
    {
      name: 'no route under the pattern, a route on another router, or one registered before the gate',
      code: `app.get('/admin/early', early);
app.use(/^\\/admin/, isAuthenticated);
app.get('/public/about', about);
apiRouter.get('/admin/stats', stats);`,
    },
    {
      name: 'a router mounted on the pattern is what it guards, not a gate',
      code: `app.use(/^\\/admin/, adminRouter);
app.get('/admin/health', health);`,
    },
    {
      name: 'the app routes case-sensitively',
      code: `app.set('case sensitive routing', true);
app.use(/^\\/admin/, requireAdmin);
app.get('/admin/users', listUsers);`,
    },
  ],
  invalid: [
    {
      name: 'an admin gate on a regex, routes in lower case after it',
      code: `const app = express();
app.use(/^\\/admin\\/.*/, requireAdmin); // vigil-expect
app.get('/admin/users', listUsers);
app.post('/admin/users/:id/ban', banUser);`,
    },
    {
      name: 'an inline gate answering 403, and a router mounted under the pattern',
      code: `router.all(/\\/internal/, (req, res, next) => { // vigil-expect
  if (!req.user || !req.user.staff) return res.status(403).end();
  next();
});
router.use('/internal', internalRoutes);`,
    },
    {
      name: 'passport on alternatives',
      code: `app.use(/^\\/(account|billing)\\//, passport.authenticate('session')); // vigil-expect
app.get('/billing/invoices', invoices);`,
    },
  ],
} satisfies RuleCases;
