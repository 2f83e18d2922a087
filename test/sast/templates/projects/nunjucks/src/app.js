// Written for vigil's tests: Nunjucks views (autoescaping on) given request data.
const path = require('path');
const express = require('express');
const nunjucks = require('nunjucks');

const app = express();
nunjucks.configure(path.join(__dirname, 'templates'), { autoescape: true, express: app });
app.set('views', path.join(__dirname, 'templates'));
app.set('view engine', 'njk');

app.get('/search', (req, res) => {
  res.render('search.njk', {
    q: req.query.q,
    hint: req.query.hint,
    note: req.query.note,
    results: req.body.results,
  });
});

app.get('/broken', (req, res) => {
  res.render('broken', { q: req.query.q });
});

app.listen(3000);
