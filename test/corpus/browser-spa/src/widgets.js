import DOMPurify from 'dompurify';
import $ from 'jquery';
import { currentQuery, hashValue, escapeHtml } from './params.js';

const TRUSTED_ORIGIN = 'https://app.example.com';
const REDIRECTS = ['/home', '/settings', '/help'];

export function renderGreeting(el) {
  const name = currentQuery('name');
  el.innerHTML = `<h2>Welcome, ${name}</h2>`; // vuln: js/dom-xss
  el.querySelector('h2').textContent = name; // safe: js/dom-xss
}

export function renderNote(el) {
  const note = localStorage.getItem('draft');
  $('#preview').html(note); // vuln: js/dom-xss
  $('#preview-text').text(note); // safe: js/dom-xss
  el.innerHTML = DOMPurify.sanitize(note); // safe: js/dom-xss
}

export function renderTitle() {
  document.write('<title>' + hashValue() + '</title>'); // vuln: js/dom-xss
  document.title = hashValue(); // safe: js/dom-xss
}

export function renderEscaped(el) {
  el.innerHTML = '<p>' + escapeHtml(currentQuery('q')) + '</p>'; // safe: js/dom-xss
}

// No origin check: any window can send these messages.
window.addEventListener('message', (event) => {
  const { widget, html, link } = event.data;
  document.getElementById(widget).insertAdjacentHTML('beforeend', html); // vuln: js/dom-xss
  document.getElementById('out').href = link; // vuln: js/dom-url-injection
  api[event.data.action](event.data.payload); // vuln: js/unsafe-dynamic-method
});

// Messages from the one trusted origin only: their data is the app's own.
window.addEventListener('message', (event) => {
  if (event.origin !== TRUSTED_ORIGIN) return;
  document.getElementById('panel').insertAdjacentHTML('beforeend', event.data.html); // safe: js/dom-xss
  api[event.data.action](event.data.payload); // safe: js/unsafe-dynamic-method
});

export function followRedirect() {
  const next = currentQuery('next');
  window.location.href = next; // vuln: js/open-redirect
  if (REDIRECTS.includes(next)) {
    window.location.assign(next); // safe: js/open-redirect
  }
  location.assign('/search?q=' + encodeURIComponent(next)); // safe: js/open-redirect
}

export function embed(frame) {
  frame.src = hashValue(); // vuln: js/dom-url-injection
  frame.src = 'https://player.example.com/embed/' + encodeURIComponent(hashValue()); // safe: js/dom-url-injection
}

export function highlight(list) {
  const term = currentQuery('term') ?? '';
  const re = new RegExp(term, 'gi'); // vuln: js/regexp-injection
  const escaped = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'); // safe: js/regexp-injection
  return list.filter((item) => re.test(item) || escaped.test(item));
}

export function runSnippet() {
  const code = hashValue();
  setTimeout(code, 100); // vuln: js/code-injection
  setTimeout(() => console.log(code), 100); // safe: js/code-injection
}
