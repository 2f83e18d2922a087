// Deliberately vulnerable example search page — see examples/README.md.
import React, { useEffect, useRef } from 'react';

export function SearchResults({ query, results }) {
  const heading = useRef(null);
  const list = useRef(null);

  useEffect(() => {
    heading.current.innerHTML = `Results for <b>${query}</b>`; // vuln: js/dom-xss
    for (const r of results) {
      list.current.insertAdjacentHTML('beforeend', '<li>' + r.title + '</li>'); // vuln: js/dom-xss
    }
  }, [query, results]);

  return (
    <section>
      <h2 ref={heading} />
      <ul ref={list} />
    </section>
  );
}

export function clearResults(el) {
  el.innerHTML = ''; // safe: js/dom-xss
  el.textContent = new URLSearchParams(location.search).get('q'); // safe: js/dom-xss
}

export function printBanner() {
  document.write('<p>' + decodeURIComponent(location.hash.slice(1)) + '</p>'); // vuln: js/dom-xss
}

export function csrfToken() {
  const csrf = Math.random().toString(36).slice(2); // vuln: js/insecure-random
  document.cookie = `csrf=${csrf}`; // vuln: js/insecure-cookie
  return csrf;
}
