// URL helpers used across the app.
export function currentQuery(name) {
  return new URLSearchParams(window.location.search).get(name);
}

export function hashValue() {
  return decodeURIComponent(location.hash.substring(1));
}

export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
