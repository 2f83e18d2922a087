// Deliberately weak settings — see examples/README.md. Do not deploy.
import tls from 'node:tls';
import express from 'express';
import cors from 'cors';
import helmet from 'helmet';
import mysql from 'mysql';
import jwt from 'jsonwebtoken';
import Ajv from 'ajv';
import rateLimit from 'express-rate-limit';
import { JWT_PUBLIC_KEY } from './config.js';

export const app = express();
app.use(express.csrf());
app.use(express.methodOverride()); // vuln: js/csrf-before-method-override
app.use(express.bodyParser()); // vuln: js/global-upload-middleware
app.use(helmet({ contentSecurityPolicy: false })); // vuln: js/helmet-protection-disabled
app.use(cors({ origin: true, credentials: true })); // vuln: js/cors-permissive

export const db = mysql.createConnection({ host: 'db', user: 'shop', multipleStatements: true }); // vuln: js/sql-multiple-statements

export function connectLegacy(host) {
  return tls.connect({ host, port: 4433, minVersion: 'TLSv1' }); // vuln: js/tls-weak-version
}

export function issue(user, body) {
  return jwt.sign({ sub: user.id, password: body.password }, process.env.JWT_KEY, { expiresIn: '1h' }); // vuln: js/jwt-sensitive-payload
}

export function readOld(token) {
  return jwt.verify(token, JWT_PUBLIC_KEY, { algorithms: ['RS256'], ignoreExpiration: true }); // vuln: js/jwt-expiry
}

export async function report(order) {
  await fetch('http://orders.acme.io/v1/report', { method: 'POST', body: JSON.stringify(order) }); // vuln: js/cleartext-transport
}

export function sameKey(apiKey, storedKey) {
  return apiKey === storedKey; // vuln: js/timing-unsafe-compare
}

export function scratch(len) {
  return Buffer.allocUnsafe(len); // vuln: js/buffer-unsafe-allocation
}

export function verifyUpdate(update) {
  const isAdmin = false;
  /*‮ } ⁦if (isAdmin)⁩ ⁦ begin admins only */ // vuln: js/bidi-characters
  return isAdmin && update;
}

// Every error of a request body collected: a body of a million wrong items costs a million objects.
export const bodyValidator = new Ajv({ allErrors: true }); // vuln: js/validator-all-errors

// The login limit keyed by X-Forwarded-For: a client sends a new value with each try and is never limited.
export const loginLimit = rateLimit({ limit: 5, keyGenerator: (req) => req.headers['x-forwarded-for'] || req.ip }); // vuln: js/spoofable-rate-limit-key
