// Written for vigil's tests: Swig views in .html files with autoescaping turned off for the whole app.
const express = require('express');
const consolidate = require('consolidate');
const swig = require('swig');

const app = express();
app.engine('.html', consolidate.swig);
app.set('view engine', 'html');
app.set('views', `${__dirname}/views`);
swig.setDefaults({ autoescape: false });

app.get('/hello/:name', (req, res) => {
  res.render('hello', { name: req.params.name, count: parseInt(req.query.n, 10) });
});

app.listen(3000);
