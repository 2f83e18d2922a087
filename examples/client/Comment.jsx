// Deliberately vulnerable example components — see examples/README.md.
import React from 'react';
import DOMPurify from 'dompurify';

export function Comment({ author, html }) {
  return (
    <article>
      <h3>{author}</h3>
      <div dangerouslySetInnerHTML={{ __html: html }} /> {/* vuln: js/dom-xss */}
    </article>
  );
}

export function SafeComment({ author, html }) {
  return (
    <article>
      <h3>{author}</h3>
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} /> {/* safe: js/dom-xss */}
    </article>
  );
}

export function CommentList({ comments }) {
  // A list key needs no unpredictability.
  return comments.map((c) => <Comment key={Math.random()} {...c} />); // safe: js/insecure-random
}
