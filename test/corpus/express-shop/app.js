const express = require('express');
const cookieParser = require('cookie-parser');
const _ = require('lodash');
const serialize = require('node-serialize');
const yaml = require('js-yaml');
const products = require('./routes/products');
const { pages } = require('./routes/pages.ts');

const app = express();
app.use(express.json());
app.use(cookieParser());
app.use(products);
app.use(pages);

const ALLOWED_ORIGINS = new Set(['https://shop.example.com']);

app.use((req, res, next) => {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin); // vuln: js/cors-origin-reflection
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

app.use('/api', (req, res, next) => {
  const origin = req.get('origin');
  if (ALLOWED_ORIGINS.has(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin); // safe: js/cors-origin-reflection
  }
  next();
});

app.use('/static', (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*'); // safe: js/cors-origin-reflection
  next();
});

const preferences = {};

app.post('/prefs', (req, res) => {
  const { group, key, value } = req.body;
  preferences[group][key] = value; // vuln: js/prototype-pollution
  res.sendStatus(204);
});

app.post('/prefs-safe', (req, res) => {
  const { group, key, value } = req.body;
  if (group === '__proto__' || key === '__proto__' || key === 'constructor' || key === 'prototype') {
    return res.sendStatus(400);
  }
  preferences[group][key] = value; // safe: js/prototype-pollution
  res.sendStatus(204);
});

app.put('/profile', (req, res) => {
  _.merge(req.session.profile, req.body); // vuln: js/prototype-pollution
  res.sendStatus(204);
});

app.put('/profile-defaults', (req, res) => {
  res.json(_.merge({}, { theme: 'light' }, { lang: 'en' })); // safe: js/prototype-pollution
});

app.get('/restore', (req, res) => {
  const state = serialize.unserialize(Buffer.from(req.cookies.state, 'base64').toString()); // vuln: js/unsafe-deserialization
  res.json(state);
});

app.get('/restore-json', (req, res) => {
  res.json(JSON.parse(Buffer.from(req.cookies.state, 'base64').toString())); // safe: js/unsafe-deserialization
});

app.post('/config', (req, res) => {
  res.json(yaml.load(req.body.yaml, { schema: yaml.DEFAULT_FULL_SCHEMA })); // vuln: js/unsafe-deserialization
});

// The core schema builds no functions in js-yaml 3 or 4 (a bare `load` is safe only from 4 on).
app.post('/config-safe', (req, res) => {
  res.json(yaml.load(req.body.yaml, { schema: yaml.CORE_SCHEMA })); // safe: js/unsafe-deserialization
});

app.post('/login', (req, res) => {
  console.log('login attempt for ' + req.body.user); // vuln: js/log-injection
  console.log('login attempt for %s', JSON.stringify(req.body.user)); // safe: js/log-injection
  res.sendStatus(401);
});

app.get('/dl', (req, res) => {
  res.setHeader('Content-Disposition', `attachment; filename="${req.query.name}"`); // vuln: js/header-injection
  res.setHeader('Content-Disposition', 'attachment; filename=' + encodeURIComponent(String(req.query.name))); // safe: js/header-injection
  res.cookie('last', Number(req.query.id)); // safe: js/header-injection
  res.end();
});

app.get('/report', async (req, res) => {
  try {
    res.json(await buildReport(Number(req.query.id)));
  } catch (err) {
    console.error(err.stack);
    res.status(500).send('<pre>' + err.stack + '</pre>'); // vuln: js/stack-trace-exposure
  }
});

app.use((err, req, res, next) => {
  res.status(err.status || 500).json({ message: 'Internal error', code: err.code }); // safe: js/stack-trace-exposure
});

app.use(function onError(error, req, res, next) {
  res.status(500).json({ trace: error.stack }); // vuln: js/stack-trace-exposure
});

app.listen(3000);
