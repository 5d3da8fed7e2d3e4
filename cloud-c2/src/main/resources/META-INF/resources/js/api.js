// Every REST call of the dashboard goes through here: one place adds the bearer token and turns a server
// error (application/problem+json) into an Error whose message says what the server said.
const TOKEN_KEY = 'lockstep.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

export class ApiError extends Error {
  constructor(status, problem, path) {
    const title = problem.title || `HTTP ${status}`;
    const detail = problem.detail ? `: ${problem.detail}` : '';
    const fields = (problem.errors || []).map(e => `\n  ${e.field}: ${e.message}`).join('');
    super(`${title}${detail} (${status} ${path})${fields}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const bearer = token();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  const init = { method, headers };
  // Abort and e-stop need a JSON content type even with no body (docs/c2.md), so every write sends one.
  if (method !== 'GET' && method !== 'DELETE') {
    headers['Content-Type'] = 'application/json';
    init.body = body === undefined ? '{}' : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { title: 'C2 unreachable', detail: e.message }, path);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = { title: text.slice(0, 200) };
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json || {}, `${method} ${path}`);
  }
  return json;
}

export const api = {
  call: (method, path, body) => call(method, path, body),
  login: (user, password) => call('POST', '/api/v1/auth/login', { name: user, password }),
  nodes: () => call('GET', '/api/v1/nodes'),
  missions: () => call('GET', '/api/v1/missions'),
  mission: id => call('GET', `/api/v1/missions/${encodeURIComponent(id)}`),
  history: id => call('GET', `/api/v1/missions/${encodeURIComponent(id)}/history`),
  createMission: spec => call('POST', '/api/v1/missions', spec),
  simulate: id => call('POST', `/api/v1/missions/${encodeURIComponent(id)}/simulations`, {}),
  simulation: (id, simulationId) =>
    call('GET', `/api/v1/missions/${encodeURIComponent(id)}/simulations/${encodeURIComponent(simulationId)}`),
  approve: (id, simulationId) =>
    call('POST', `/api/v1/missions/${encodeURIComponent(id)}/approvals`, { simulationId }),
  dispatch: (id, nodes) => call('POST', `/api/v1/missions/${encodeURIComponent(id)}/dispatch`, { nodes }),
  abort: (id, reason) => call('POST', `/api/v1/missions/${encodeURIComponent(id)}/abort`, { reason }),
  stop: (node, reason) => call('POST', `/api/v1/nodes/${encodeURIComponent(node)}/estop`, { reason }),
  release: node => call('DELETE', `/api/v1/nodes/${encodeURIComponent(node)}/estop`),
  journal: (id, node) => call('GET', `/api/v1/missions/${encodeURIComponent(id)}/nodes/${encodeURIComponent(node)}/journal`),
};

/** Reads the role claims of a JWT (no verification: only to decide what to show; the server decides what is allowed). */
export function rolesOf(jwt) {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return { user: payload.upn || payload.preferred_username || payload.sub || '?', roles: payload.groups || [] };
  } catch (e) {
    return { user: '?', roles: [] };
  }
}
