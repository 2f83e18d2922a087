import axios from 'axios';

const API = 'https://api.example.com';
const ALLOWED_HOSTS = new Set(['images.example.com', 'cdn.example.com']);

/** Fetches from a fixed host; callers choose only the path. */
export async function apiGet(path: string) {
  return axios.get(`${API}/${encodeURIComponent(path)}`);
}

/** Checks the host before connecting. */
export async function fetchAllowed(raw: string) {
  const url = new URL(raw);
  if (!ALLOWED_HOSTS.has(url.hostname)) throw new Error('host not allowed');
  return fetch(url); // safe: js/ssrf
}

export function readTarget(request: Request) {
  return new URL(request.url).searchParams.get('target') ?? '';
}
