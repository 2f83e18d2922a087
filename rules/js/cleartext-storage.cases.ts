import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: "the login form's password kept in web storage for later",
      code: `function remember(form) {
  localStorage.setItem('password', form.password.value); // vigil-expect
  window.sessionStorage.setItem('creds', JSON.stringify({ user: form.user.value, password: form.password.value })); // vigil-expect
}`,
    },
    {
      name: 'assigned as storage properties, under a constant name',
      code: `const KEY = 'vaultPassphrase';
export function save(passphrase: string, secret: string) {
  localStorage[KEY] = passphrase; // vigil-expect
  sessionStorage.clientSecret = secret; // vigil-expect
}`,
    },
    {
      name: 'a password written into a cookie by script',
      code: `export function keepLogin(user, password) {
  document.cookie = \`login=\${user}:\${password}; path=/\`; // vigil-expect
}`,
    },
  ],
  valid: [
    {
      name: 'the session token a single-page app keeps by design, and an API key the user pasted',
      code: `localStorage.setItem('accessToken', res.accessToken);
localStorage.setItem('openaiApiKey', input.value);`,
    },
    {
      name: 'things about a password, not the password',
      code: `localStorage.setItem('passwordChangedAt', String(Date.now()));
sessionStorage.setItem('password', '');
localStorage.setItem('passwordHash', await sha256(password));`,
    },
    {
      name: 'a storage object of the program own, and a server-side store',
      code: `const localStorage = new Map();
localStorage.setItem = (k, v) => localStorage.set(k, v);
localStorage.setItem('password', pw);
await redis.set('password', pw);`,
    },
    {
      name: 'other values in storage and cookies',
      code: `localStorage.setItem('theme', theme);
document.cookie = 'lang=' + lang;`,
    },
  ],
} satisfies RuleCases;
