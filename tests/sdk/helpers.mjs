// Small helpers shared by the test files: a cookie jar, SDK error unwrapping, node lookup, common flows.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

export const PASSWORD = 'correct horse battery staple 42';

export function uniqueEmail(prefix = 'user') {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.com`;
}

/** Parses one Set-Cookie header into { name, value, attrs } (attribute names lower-cased). */
export function parseSetCookie(header) {
  const [pair, ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  const attrs = {};
  for (const part of rest) {
    const p = part.trim();
    if (!p) continue;
    const i = p.indexOf('=');
    if (i < 0) attrs[p.toLowerCase()] = true;
    else attrs[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attrs };
}

/** The Set-Cookie headers of an axios response or a fetch Response, as an array of strings. */
export function setCookies(response) {
  if (typeof response.headers?.getSetCookie === 'function') return response.headers.getSetCookie();
  const h = response.headers?.['set-cookie'];
  if (!h) return [];
  return Array.isArray(h) ? h : [h];
}

/** The parsed Set-Cookie named `name` in a response, or undefined. Takes the last one when repeated. */
export function findSetCookie(response, name) {
  return setCookies(response).map(parseSetCookie).filter((c) => c.name === name).at(-1);
}

/** A cookie jar kept by the test itself (what a browser or a server-side UI would keep). */
export class CookieJar {
  constructor() { this.cookies = new Map(); }
  /** Takes the Set-Cookie headers of an axios response or fetch Response (or an axios error's response). */
  absorb(response) {
    for (const c of setCookies(response).map(parseSetCookie)) {
      const maxAge = c.attrs['max-age'];
      const expired = (maxAge !== undefined && Number(maxAge) <= 0)
        || (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now())
        || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }
  get(name) { return this.cookies.get(name); }
  set(name, value) { this.cookies.set(name, value); }
  delete(name) { this.cookies.delete(name); }
  /** The Cookie header value, or undefined when empty. */
  header() {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  clone() { const j = new CookieJar(); j.cookies = new Map(this.cookies); return j; }
}

/**
 * Awaits an SDK call that must fail with an HTTP status and returns the axios response
 * ({ status, data, headers }). Fails the test when it succeeds or fails without a response.
 */
export async function sdkError(promise, status) {
  let res;
  try {
    res = await promise;
  } catch (err) {
    if (!err.response) throw err;
    if (status !== undefined) {
      assert.equal(err.response.status, status,
        `expected HTTP ${status}, got ${err.response.status}: ${JSON.stringify(err.response.data)}`);
    }
    return err.response;
  }
  assert.fail(`expected the SDK to throw HTTP ${status}, got ${res.status}: ${JSON.stringify(res.data)}`);
}

/** Asserts the generic error envelope of API.md §2.1 and returns `error`. */
export function assertErrorEnvelope(data, code, id) {
  assert.ok(data && typeof data === 'object' && data.error, `expected an error envelope, got ${JSON.stringify(data)}`);
  assert.equal(data.error.code, code, `error.code in ${JSON.stringify(data)}`);
  assert.equal(typeof data.error.message, 'string', 'error.message is required');
  assert.equal(typeof data.error.status, 'string', 'error.status');
  if (id !== undefined) assert.equal(data.error.id, id, `error.id in ${JSON.stringify(data)}`);
  return data.error;
}

export function node(flow, name) {
  return flow.ui.nodes.find((n) => n.attributes?.name === name);
}

export function submitNode(flow, value) {
  return flow.ui.nodes.find((n) => n.attributes?.name === 'method' && n.attributes?.value === value);
}

export function messageIds(messages) {
  return (messages ?? []).map((m) => m.id);
}

/** Registers through the native API flow; returns the SDK response body. */
export async function registerNative(t, email, password = PASSWORD, traits = {}) {
  const { data: flow } = await t.frontend.createNativeRegistrationFlow();
  const { data } = await t.frontend.updateRegistrationFlow({
    flow: flow.id,
    updateRegistrationFlowBody: { method: 'password', password, traits: { email, ...traits } },
  });
  return data;
}

/** Logs in through the native API flow; returns the SDK response body ({ session_token, session }). */
export async function loginNative(t, identifier, password = PASSWORD) {
  const { data: flow } = await t.frontend.createNativeLoginFlow();
  const { data } = await t.frontend.updateLoginFlow({
    flow: flow.id,
    updateLoginFlowBody: { method: 'password', identifier, password },
  });
  return data;
}

/** Creates an identity with a password through the admin API. */
export async function createUser(t, email, password = PASSWORD) {
  const { data } = await t.identity.createIdentity({
    createIdentityBody: { schema_id: 'default', traits: { email }, credentials: { password: { config: { password } } } },
  });
  return data;
}

/** SPA login (browser flow, JSON) keeping cookies in `jar`; returns the axios response of the submit. */
export async function loginBrowser(t, jar, identifier, password = PASSWORD) {
  const init = jar.absorb(await t.frontend.createBrowserLoginFlow({ cookie: jar.header() }));
  const res = await t.frontend.updateLoginFlow({
    flow: init.data.id,
    cookie: jar.header(),
    updateLoginFlowBody: { method: 'password', identifier, password, csrf_token: node(init.data, 'csrf_token').attributes.value },
  });
  jar.absorb(res);
  return res;
}

/**
 * The newest courier message to `recipient`, read through the admin courier API (dev mode shows subject and body), as
 * FLOWS.md §8.1 step 3 reads codes. Messages are queued with the flow's own write, so they are there at once.
 */
export async function latestMessage(t, recipient) {
  const { data } = await t.courier.listCourierMessages({ recipient, pageSize: 10 });
  assert.ok(data.length > 0, `no courier message for ${recipient}`);
  return data[0];
}

/** The six digits in a code message's subject ("Use code 482913 to …"). */
export function codeOf(message) {
  const match = /\b(\d{6})\b/.exec(message.subject);
  assert.ok(match, `no code in subject ${JSON.stringify(message.subject)}`);
  return match[1];
}

/** Config merged over the suite's kratos.yml for recovery and verification (FLOWS.md §8–9), delivering to `smtp`. */
export function codeFlowsOverlay(ui, smtpUri, extra = {}) {
  return {
    selfservice: {
      flows: {
        recovery: { enabled: true, ui_url: `${ui}/recovery`, after: { hooks: [{ hook: 'revoke_active_sessions' }] } },
        verification: { enabled: true, ui_url: `${ui}/verification` },
        registration: { after: { password: { hooks: [{ hook: 'show_verification_ui' }, { hook: 'session' }] } } },
      },
      methods: { link: { enabled: true } },
    },
    courier: { smtp: { connection_uri: smtpUri } },
    feature_flags: { use_continue_with_transitions: true },
    ...extra,
  };
}
