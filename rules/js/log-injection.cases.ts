import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'console.log of a user name',
      code: `app.post('/login', (req, res) => {
  console.log('login failed for ' + req.body.user); // vigil-expect
});`,
    },
    {
      name: 'winston logger with a header',
      code: `app.use((req, res, next) => {
  logger.info(\`agent \${req.headers['user-agent']}\`); // vigil-expect
  next();
});`,
    },
    {
      name: 'this.logger in a NestJS controller',
      code: `class AuthController {
  login(@Body('user') user: string) {
    this.logger.warn('bad login ' + user); // vigil-expect
  }
}`,
    },
  ],
  valid: [
    {
      name: 'structured field',
      code: `app.post('/login', (req, res) => { logger.info({ user: req.body.user }, 'login failed'); });`,
    },
    {
      name: 'JSON.stringify escapes line breaks',
      code: `app.post('/login', (req, res) => { console.log('login failed for', JSON.stringify(req.body.user)); });`,
    },
    {
      name: 'constant message',
      code: `app.post('/login', (req, res) => { console.error('login failed'); });`,
    },
    {
      name: 'line breaks removed',
      code: `app.post('/login', (req, res) => { console.warn('user ' + String(req.body.user).replace(/\\n|\\r/g, ' ')); });`,
    },
    {
      name: 'math.log is not a logger',
      code: `app.get('/l', (req, res) => { Math.log(req.query.n); });`,
    },
  ],
} satisfies RuleCases;
