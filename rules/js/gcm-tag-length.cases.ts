import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'the tag length given',
      code: `import crypto from 'node:crypto';
export function open(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer) {
  const d = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  d.setAuthTag(tag);
  return Buffer.concat([d.update(data), d.final()]);
}`,
    },
    {
      name: "the tag's length checked before it is set",
      code: `const crypto = require('crypto');
function open(key, iv, tag, data) {
  if (tag.length !== 16) throw new Error('bad tag');
  const d = crypto.createDecipheriv('aes-128-gcm', key, iv);
  d.setAuthTag(tag);
  return d.update(data, undefined, 'utf8') + d.final('utf8');
}`,
    },
    {
      name: 'encryption, and other modes',
      code: `const crypto = require('crypto');
const c = crypto.createCipheriv('aes-256-gcm', key, iv);
const d = crypto.createDecipheriv('aes-256-cbc', key, iv);`,
    },
    {
      name: 'options the code does not show',
      code: `const crypto = require('crypto');\nconst d = crypto.createDecipheriv('aes-256-gcm', key, iv, opts);`,
    },
  ],
  invalid: [
    {
      name: 'a GCM decipher with no tag length',
      code: `import { createDecipheriv } from 'crypto';
export function decrypt(key: Buffer, payload: { iv: Buffer; tag: Buffer; data: Buffer }) {
  const d = createDecipheriv('aes-256-gcm', key, payload.iv); // vigil-expect
  d.setAuthTag(payload.tag);
  return Buffer.concat([d.update(payload.data), d.final()]);
}`,
    },
    {
      name: 'the algorithm held in a constant, options without the length',
      code: `const crypto = require('node:crypto');
const ALGORITHM = 'aes-128-gcm';
function open(key, iv, tag, data) {
  const d = crypto.createDecipheriv(ALGORITHM, key, iv, { encoding: 'utf8' }); // vigil-expect
  d.setAuthTag(tag);
  return d.update(data) + d.final();
}`,
    },
    {
      name: 'compiled TypeScript',
      code: `const crypto_1 = __importDefault(require("crypto"));
function decrypt(key, iv, tag, text) {
    const decipher = crypto_1.default.createDecipheriv("aes-256-gcm", key, iv); // vigil-expect
    decipher.setAuthTag(tag);
    return decipher.update(text, "hex", "utf8") + decipher.final("utf8");
}`,
    },
  ],
} satisfies RuleCases;
