// Written for vigil's tests: Handlebars views (hbs) given request data.
const express = require('express');
const hbs = require('hbs');
const he = require('he');

const app = express();
app.set('view engine', 'hbs');
hbs.registerPartials(__dirname + '/views/partials');

app.get('/card', (req, res) => {
  res.render('card', {
    name: req.query.name,
    motto: he.encode(req.query.motto),
    owner: { handle: req.query.handle },
    tags: req.body.tags,
  });
});

app.get('/unknown', (req, res) => {
  res.render(req.query.layout ? 'card' + req.query.layout : 'missing', { name: req.query.name });
});

app.get('/broken', (req, res) => {
  res.render('broken', { name: req.query.name });
});

app.listen(3000);
