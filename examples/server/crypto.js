// Deliberately vulnerable example crypto helpers — see examples/README.md.
import crypto from 'node:crypto';
import https from 'node:https';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CryptoJS from 'crypto-js';

export function hashPassword(password) {
  console.debug('hashing', password); // vuln: js/cleartext-logging
  console.debug('hashing a password of length', password.length); // safe: js/cleartext-logging
  return crypto.createHash('md5').update(password).digest('hex'); // vuln: js/weak-hash
}

export function etag(body) {
  return crypto.createHash('md5').update(body).digest('hex'); // safe: js/weak-hash
}

export function legacyEncrypt(text, password) {
  const cipher = crypto.createCipher('aes192', password); // vuln: js/weak-cipher
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptCard(number, key) {
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, crypto.randomBytes(8)); // vuln: js/weak-cipher
  return cipher.update(number, 'utf8', 'hex') + cipher.final('hex');
}

const ZERO_IV = Buffer.alloc(16, 0);
export function encryptNote(note, key) {
  const cipher = crypto.createCipheriv('aes-256-cbc', key, ZERO_IV); // vuln: js/cipher-static-iv
  return cipher.update(note, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptNoteSafely(note, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); // safe: js/cipher-static-iv
  return Buffer.concat([iv, cipher.update(note, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

export function legacyToken(email) {
  return CryptoJS.DES.encrypt(email, 'k').toString(); // vuln: js/weak-cipher
}

export function newSessionToken() {
  return Math.random().toString(36).slice(2); // vuln: js/insecure-random
}

export function retryDelay(attempt) {
  return 2 ** attempt * 100 + Math.random() * 50; // safe: js/insecure-random
}

export const insecureAgent = new https.Agent({
  rejectUnauthorized: false, // vuln: js/tls-verification-disabled
});

export function trustEveryone() {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // vuln: js/tls-verification-disabled
}

export function tokenExpiry(token) {
  return token.readUInt32BE(4, true); // vuln: js/buffer-noassert
}

export function tokenVersion(token) {
  return token.length > 0 ? token.readUInt8(0) : 0; // safe: js/buffer-noassert
}

export function signingKeys() {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }); // vuln: js/insufficient-key-size
}

export function archiveKeys() {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 3072 }); // safe: js/insufficient-key-size
}

export const legacyPeerServer = https.createServer({ insecureHTTPParser: true }); // vuln: js/insecure-http-parser
export const strictServer = https.createServer({ insecureHTTPParser: false }); // safe: js/insecure-http-parser

export function exportReport(pdf) {
  fs.writeFileSync(path.join(os.tmpdir(), 'report.pdf'), pdf); // vuln: js/insecure-temporary-file
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  fs.writeFileSync(path.join(dir, 'report.pdf'), pdf); // safe: js/insecure-temporary-file
}

// Checked, then written by name: a link planted in between redirects the write.
export function saveDraft(file, dir, text) {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true }); // safe: js/file-system-race
  if (!fs.existsSync(file)) fs.writeFileSync(file, text); // vuln: js/file-system-race
}

// An invite code from random bytes: 256 % 36 favours the first four characters.
export function inviteCode() {
  const bytes = crypto.randomBytes(10);
  return [...bytes].map((b) => (b % 36).toString(36)).join(''); // vuln: js/insecure-random
}

export function pairingCode() {
  return Array.from({ length: 6 }, () => crypto.randomInt(36).toString(36)).join(''); // safe: js/insecure-random
}

// A "telemetry" hook that runs hidden code; the same text as data is harmless.
export function telemetry() {
  return eval(Buffer.from('636f6e736f6c652e6c6f672870726f636573732e656e7629', 'hex').toString()); // vuln: js/hardcoded-data-interpreted-as-code
}

export const fingerprintSalt = Buffer.from('636f6e736f6c652e6c6f672870726f636573732e656e7629', 'hex'); // safe: js/hardcoded-data-interpreted-as-code

// A session token opened with AES-GCM: a forged token with a 4-byte tag is accepted.
export function openToken(key, token) {
  const [iv, tag, data] = token.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv); // vuln: js/gcm-tag-length
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}
