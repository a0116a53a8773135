// Talks to the gateway's REST API. The session JWT lives in memory only (never in storage a script injected
// elsewhere could read); the HttpOnly refresh cookie, which only /api/auth/session/refresh and logout accept,
// brings it back after a reload.

let accessToken = null;
let account = null;
let refreshing = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export function currentAccount() {
  return account;
}

async function send(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers }, credentials: 'same-origin' };
  if (accessToken) init.headers.Authorization = `Bearer ${accessToken}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(path, init);
}

async function read(response) {
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export async function api(path, options = {}) {
  let response = await send(path, options);
  if (response.status === 401 && accessToken) {
    // An expired session JWT: one refresh through the cookie, then the same request once more.
    if (await restoreSession()) response = await send(path, options);
  }
  return read(response);
}

/** Downloads a response (the export) with the session attached, as a file. */
export async function download(path, filename) {
  const response = await send(path, { headers: { Accept: '*/*' } });
  if (!response.ok) return read(response);
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function adopt(session) {
  accessToken = session.accessToken;
}

async function loadAccount() {
  try {
    account = await read(await send('/api/auth/me'));
  } catch {
    account = null;
  }
  return account;
}

/** Brings back a session from the refresh cookie; false when there is none. */
export function restoreSession() {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/api/auth/session/refresh', { method: 'POST', credentials: 'same-origin' });
      if (!response.ok) {
        accessToken = null;
        account = null;
        return false;
      }
      adopt(await response.json());
      await loadAccount();
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function login(form) {
  const session = await read(await send('/api/auth/login', { method: 'POST', body: form }));
  adopt(session);
  return loadAccount();
}

export async function logout() {
  try {
    await send('/api/auth/logout', { method: 'POST' });
  } finally {
    accessToken = null;
    account = null;
  }
}

export async function refreshAccount() {
  return loadAccount();
}
