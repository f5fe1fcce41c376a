// @ts-check
/**
 * The page's only way to the service: same-origin JSON requests. A failure is a value the views show (a problem
 * with its errors), never an exception that leaves a form half-done.
 */

/**
 * @typedef {{ path: string, message: string }} RequestProblem
 * @typedef {{ type?: string, title?: string, status: number, detail?: string, errors?: RequestProblem[] }} Problem
 * @typedef {{ ok: true, body: any } | { ok: false, problem: Problem }} ApiResult
 */

/** @param {Response} response @returns {Promise<ApiResult>} */
async function readResponse(response) {
  const text = await response.text();
  /** @type {any} */
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok && body !== null) return { ok: true, body };
  if (body && typeof body === 'object' && typeof body.status === 'number') return { ok: false, problem: body };
  return { ok: false, problem: { status: response.status, title: response.statusText, detail: text.slice(0, 500) } };
}

/** @param {unknown} error @returns {ApiResult} */
function unreachable(error) {
  return { ok: false, problem: { status: 0, title: 'network', detail: error instanceof Error ? error.message : String(error) } };
}

const TOKEN_KEY = 'sbsp-rules.api-token';

/**
 * The API token for services that require one (evaluating routes answer 401 without it). Kept in session storage:
 * it lives as long as the browser tab, and never in the page's address or in local storage.
 * @returns {string | null}
 */
function apiToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** @param {string} token */
export function setApiToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Without storage the token cannot be kept; the service will ask again.
  }
}

/** The Authorization header with the API token, when one is kept. @returns {Record<string, string>} */
function bearer() {
  const token = apiToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * GET a JSON answer. The rules are public and asked for without the token; decision records are not, and are asked
 * for `asCaller`, with it.
 * @param {string} path
 * @param {{ asCaller?: boolean }} [options]
 * @returns {Promise<ApiResult>}
 */
export async function getJson(path, options = {}) {
  try {
    return await readResponse(await fetch(path, { headers: { accept: 'application/json', ...(options.asCaller ? bearer() : {}) } }));
  } catch (error) {
    return unreachable(error);
  }
}

/** @param {string} path @param {unknown} body @returns {Promise<ApiResult>} */
export async function postJson(path, body) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...bearer() };
  try {
    return await readResponse(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) }));
  } catch (error) {
    return unreachable(error);
  }
}

/** @type {Map<string, Promise<ApiResult>>} */
const programmes = new Map();

/** GET /v1/programmes/{id}, asked once a page load while it answers; a failure is asked again next time. */
/** @param {string} id @returns {Promise<ApiResult>} */
export function programmeDescription(id) {
  let found = programmes.get(id);
  if (!found) {
    found = getJson(`/v1/programmes/${encodeURIComponent(id)}`).then((result) => {
      if (!result.ok) programmes.delete(id);
      return result;
    });
    programmes.set(id, found);
  }
  return found;
}
