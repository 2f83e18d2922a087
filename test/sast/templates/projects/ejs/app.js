// Written for vigil's tests: an Express app whose views get request data, some of it raw.
const path = require('path');
const express = require('express');
const escapeHtml = require('escape-html');

const app = express();
app.set('views', path.join(__dirname, 'views'));
app.set('view engine', 'ejs');

app.get('/profile', (req, res) => {
  res.render('profile', {
    title: 'Profile',
    bio: req.query.bio,
    clean: escapeHtml(req.query.clean),
    count: Number(req.query.count),
    user: { name: req.query.name, id: 7 },
  });
});

// The view's name comes from the request: which template is unknown, so no XSS finding.
app.get('/page', (req, res) => {
  res.render(req.query.page, { bio: req.query.bio });
});

// No such template in the project.
app.get('/gone', (req, res) => {
  res.render('gone', { bio: req.query.bio });
});

app.get('/broken', (req, res) => {
  res.render('broken', { bio: req.query.bio });
});

// A helper that renders on the caller's behalf: the flow goes through its summary.
function showNote(res, note) {
  res.render('note', { note });
}

app.get('/note', (req, res) => {
  showNote(res, req.body.note);
});

// The whole query object: every name the view writes is the client's.
app.get('/echo', (req, res) => {
  res.render('echo', req.query);
});

app.listen(3000);
