import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: "a settings form's default in a component: the browser checks certificates itself",
      filename: 'AdminMail.vue',
      code: `<template><v-switch v-model="config.verifySSL" label="Verify SSL"></v-switch></template>
<script>
export default {
  data() {
    return { config: { host: '', port: 465, secure: true, verifySSL: false } };
  },
};
</script>`,
    },
    {
      name: 'verification on',
      code: `import https from 'https';\nnew https.Agent({ rejectUnauthorized: true, ca });`,
    },
    {
      name: 'configurable flag',
      code: `const agent = new https.Agent({ rejectUnauthorized: config.tls.verify });`,
    },
    { name: 'env var set to 1', code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';` },
    {
      name: 'real identity check',
      code: `tls.connect({ host, checkServerIdentity: (h, cert) => pinned(h, cert) });`,
    },
    { name: 'unrelated env var', code: `process.env.NODE_ENV = '0';\nconst opts = { strict: false };` },
    {
      name: 'a local object named process',
      code: `const process = { env: {} as Record<string, string> };\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';`,
    },
    {
      name: 'server options without client certificates, and verification kept on',
      code: `import https from 'node:https';\nhttps.createServer({ key, cert, rejectUnauthorized: false }, app);\nnew MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: false });\ncurl.setOpt('SSL_VERIFYPEER', true);\nmap.setOpt('SSL_VERIFYPEER', 1);`,
    },
  ],
  invalid: [
    {
      name: 'MongoDB, libcurl and superagent switches',
      code: `new MongoClient(uri, { tlsAllowInvalidCertificates: true }); // vigil-expect\nmongoose.connect(uri, { ssl: true, sslValidate: false }); // vigil-expect\ncurl(url, { SSL_VERIFYPEER: 0 }, done); // vigil-expect\ncurl.setOpt(Curl.option.SSL_VERIFYHOST, 0); // vigil-expect\nawait superagent.get(url).disableTLSCerts(); // vigil-expect`,
    },
    {
      name: 'server asking for client certificates without checking them',
      code: `import tls from 'node:tls';\ntls.createServer({ key, cert, requestCert: true, rejectUnauthorized: false }, onConn); // vigil-expect`,
    },
    {
      name: 'agent option',
      code: `import https from 'https';\nconst agent = new https.Agent({\n  rejectUnauthorized: false, // vigil-expect\n});`,
    },
    {
      name: 'environment variable',
      code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // vigil-expect\nprocess.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0; // vigil-expect`,
    },
    {
      name: 'assignment and request strictSSL',
      code: `https.globalAgent.options.rejectUnauthorized = false; // vigil-expect\nrequest({ url, strictSSL: false }); // vigil-expect`,
    },
    {
      name: "under a setting named for self-signed certificates (reported at medium precision: the operator's choice)",
      code: `if (config['smtp:allow-self-signed']) {\n  options.tls = { rejectUnauthorized: false }; // vigil-expect\n}\nconst agent = settings.verifySSL ? undefined : new https.Agent({ rejectUnauthorized: false }); // vigil-expect`,
    },
    {
      name: 'checkServerIdentity that accepts all',
      code: `tls.connect({ host, checkServerIdentity: () => undefined }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
