// The REST API, with the session cookie and the CSRF token unsafe requests must carry.
let csrf = null;
// the API beside this module (/js/api.js → /api/v1/), whichever page imports it
const BASE = new URL('../api/v1/', import.meta.url);

export function setCsrf(token) { csrf = token; }

export class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

export async function api(path, { method = 'GET', body, headers: extra } = {}) {
  const headers = { Accept: 'application/json', ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(new URL(path, BASE), {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = res.status === 204 ? '' : await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, json?.detail ?? json?.title ?? res.statusText);
  return json;
}

export const get = (path) => api(path);
export const post = (path, body) => api(path, { method: 'POST', body: body ?? {} });
export const put = (path, body) => api(path, { method: 'PUT', body });
