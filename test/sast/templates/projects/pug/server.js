// Written for vigil's tests: Pug views (the conventional views/ folder) given request data.
const express = require('express');
const DOMPurify = require('isomorphic-dompurify');

const app = express();
app.set('view engine', 'pug');

app.get('/post', (req, res) => {
  res.render('post', {
    heading: req.query.heading,
    body: req.query.body,
    link: req.query.link,
    summary: DOMPurify.sanitize(req.query.summary),
    author: { name: req.query.author },
    comments: req.body.comments,
  });
});

app.get('/other', (req, res) => {
  const view = `posts/${req.params.kind}`;
  res.render(view, { body: req.query.body });
});

app.get('/broken', (req, res) => {
  res.render('broken', { body: req.query.body });
});

app.listen(3000);
