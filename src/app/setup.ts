import { run } from 'probot';

/**
 * `npm run setup:app`: probot's manifest flow on localhost. Open http://localhost:3000, press
 * "Register a GitHub App": GitHub creates the App from app.yml and probot saves APP_ID,
 * PRIVATE_KEY and WEBHOOK_SECRET to `.env` in this folder (the one place a key is written, by
 * probot, on the machine of the person registering). `npm start` reads that `.env`.
 */
if (process.env.APP_ID && (process.env.PRIVATE_KEY || process.env.PRIVATE_KEY_PATH)) {
  process.stderr.write('APP_ID and PRIVATE_KEY are already set: the App is registered, run `npm start`.\n');
  process.exit(2);
}
// Setup mode is probot's own: it starts only without APP_ID and PRIVATE_KEY.
await run(() => {}, {
  env: { ...process.env, HOST: process.env.HOST ?? 'localhost', NODE_ENV: 'development' },
});
