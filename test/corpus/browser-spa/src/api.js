const api = {
  save(payload) {
    return fetch('/api/save', { method: 'POST', body: JSON.stringify(payload) }); // safe: js/ssrf
  },
  load(id) {
    return fetch(`/api/items/${encodeURIComponent(id)}`);
  },
};

export default api;
