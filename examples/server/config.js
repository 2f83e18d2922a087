// Deliberately vulnerable example configuration — see examples/README.md.
// The credentials below are synthetic (random strings in the right format), never issued.

export const aws = {
  region: 'eu-west-1',
  accessKeyId: 'AKIAIA2HGVSBOTXNXGGW', // vuln: js/hardcoded-secret
};

export const alerts = {
  slackWebhook: 'https://hooks.slack.com/services/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', // vuln: js/hardcoded-secret
};

// Safe look-alikes: AWS's documented example key and a value read from the environment.
export const docsExampleKey = 'AKIAIOSFODNN7EXAMPLE'; // safe: js/hardcoded-secret
export const stripeKey = process.env.STRIPE_SECRET_KEY; // safe: js/hardcoded-secret

export const JWT_PUBLIC_KEY = process.env.JWT_PUBLIC_KEY;

// A development fallback ships to production wherever the variable is unset.
export const session = {
  secret: process.env.SESSION_SECRET || 'keyboard-cat-dev', // vuln: js/hardcoded-credentials
};
export const database = { user: 'app', password: process.env.DB_PASSWORD }; // safe: js/hardcoded-credentials

// The desktop build's window: the help viewer gives pages Node; the main window keeps isolation.
export const helpWindow = { webPreferences: { nodeIntegration: true } }; // vuln: js/electron-insecure-settings
export const mainWindow = { webPreferences: { contextIsolation: true, preload: 'preload.js' } }; // safe: js/electron-insecure-settings
