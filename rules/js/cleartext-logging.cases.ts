import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'what happened, not the value',
      code: `console.log('password changed for', user.id);
logger.info({ user: user.id, passwordChangedAt: user.passwordChangedAt }, 'password updated');
console.warn('Missing API key: set API_KEY');`,
    },
    {
      name: 'hashed, masked or measured',
      code: `console.log('hash', passwordHash, bcrypt.hashSync(password, 10));
logger.debug(\`key ends with \${mask(apiKey)}\`);
log.info('password length', password.length);`,
    },
    {
      name: 'names that only look like credentials',
      code: `console.log(tokenizer.tokens, keyboard, passwordPolicy, secretaryName);
logger.info({ passwordField: 'pw', tokenType: 'Bearer' });`,
    },
    {
      name: 'a local object named console, and a non-logger receiver',
      code: `const console = { log() {} };
console.log(password);
cache.info(password);`,
    },
  ],
  invalid: [
    {
      name: 'a password logged directly and in text',
      code: `app.post('/login', (req, res) => {
  console.log('login attempt', req.body.username, req.body.password); // vigil-expect
  logger.debug(\`user \${user.email} signed in with \${password}\`); // vigil-expect
});`,
    },
    {
      name: 'keys and tokens in structured logs',
      code: `logger.info({ apiKey: config.apiKey }, 'client created'); // vigil-expect
winston.error('refresh failed: ' + refreshToken); // vigil-expect
this.logger.warn({ accessToken }); // vigil-expect`,
    },
    {
      name: 'secrets from the environment, and stringified credentials',
      code: `console.info('db', process.env.DB_PASSWORD); // vigil-expect
console.log(JSON.stringify(credentials)); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
