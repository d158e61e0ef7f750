// Browser flows with a cookie jar kept by the test: SPA (JSON through the SDK) and form posts (plain fetch, so the
// 303/302 Location and Set-Cookie attributes can be asserted). FLOWS.md §2, §3.2; API.md §1.2, §4.5, §10.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UI, startTessera } from '../server.mjs';
import {
  CookieJar, PASSWORD, assertErrorEnvelope, createUser, findSetCookie, loginBrowser, messageIds, node, sdkError, uniqueEmail,
} from '../helpers.mjs';

/** A browser-like request with plain fetch: no redirects followed, cookies from/to `jar`. */
async function browser(t, jar, path, { method = 'GET', form, accept = 'text/html,application/xhtml+xml' } = {}) {
  const headers = { Accept: accept };
  const cookie = jar.header();
  if (cookie) headers.Cookie = cookie;
  let body;
  if (form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const res = await fetch(t.publicBase + path, { method, headers, body, redirect: 'manual' });
  jar.absorb(res);
  return res;
}

function assertCookieAttrs(cookie, what) {
  assert.ok(cookie, `${what} Set-Cookie present`);
  assert.equal(cookie.attrs.path, '/', `${what} Path=/`);
  assert.equal(cookie.attrs.httponly, true, `${what} HttpOnly`);
  assert.equal(String(cookie.attrs.samesite).toLowerCase(), 'lax', `${what} SameSite=Lax`);
  assert.equal(cookie.attrs.secure, undefined, `${what} not Secure under --dev`);
}

function flowIdFrom(location, uiPath) {
  const url = new URL(location);
  assert.equal(url.origin + url.pathname, UI + uiPath, `Location ${location}`);
  const id = url.searchParams.get('flow');
  assert.match(id ?? '', /^[0-9a-f-]{36}$/, `flow id in ${location}`);
  return id;
}

describe('browser flows', () => {
  let t;
  before(async () => { t = await startTessera(); });
  after(async () => { await t?.stop(); });

  describe('SPA login (JSON through the SDK)', () => {
    test('createBrowserLoginFlow → 200 flow + CSRF cookie; getLoginFlow needs the cookie', async () => {
      const jar = new CookieJar();
      const res = jar.absorb(await t.frontend.createBrowserLoginFlow());
      assert.equal(res.status, 200);
      const flow = res.data;
      assert.equal(flow.type, 'browser');
      assert.equal(flow.ui.action, `${t.publicUrl}self-service/login?flow=${flow.id}`);
      const csrfCookie = findSetCookie(res, t.csrfCookieName);
      assert.ok(csrfCookie, `Set-Cookie ${t.csrfCookieName}; got ${JSON.stringify(res.headers['set-cookie'])}`);
      assertCookieAttrs(csrfCookie, 'CSRF cookie');
      assert.equal(csrfCookie.attrs['max-age'], '31536000');
      const token = node(flow, 'csrf_token').attributes.value;
      assert.equal(token.length, 88, 'masked token: base64 of 64 bytes');

      const got = await t.frontend.getLoginFlow({ id: flow.id, cookie: jar.header() });
      assert.equal(got.status, 200);
      assert.equal(got.data.id, flow.id);

      const denied = await sdkError(t.frontend.getLoginFlow({ id: flow.id }), 403);
      assertErrorEnvelope(denied.data, 403, 'security_csrf_violation');
    });

    test('the CSRF cookie value is padded standard base64 of 32 bytes, not URL-encoded (API.md §10.1)', async () => {
      const res = await t.frontend.createBrowserLoginFlow();
      const csrfCookie = findSetCookie(res, t.csrfCookieName);
      assert.ok(csrfCookie, 'CSRF cookie');
      assert.match(csrfCookie.value, /^[A-Za-z0-9+/]{43}=$/);
    });

    test('submit with the csrf_token node value → 200 {session, continue_with:[redirect_browser_to]} + session cookie', async () => {
      const email = uniqueEmail('spa');
      const user = await createUser(t, email);
      const jar = new CookieJar();
      const init = jar.absorb(await t.frontend.createBrowserLoginFlow());
      const res = await t.frontend.updateLoginFlow({
        flow: init.data.id,
        cookie: jar.header(),
        updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD, csrf_token: node(init.data, 'csrf_token').attributes.value },
      });
      jar.absorb(res);
      assert.equal(res.status, 200);
      assert.equal(res.data.session_token, undefined, 'no session_token for browser flows');
      assert.equal(res.data.session.identity.id, user.id);
      assert.equal(res.data.session.authenticator_assurance_level, 'aal1');
      assert.deepEqual(res.data.continue_with, [{ action: 'redirect_browser_to', redirect_browser_to: `${UI}/welcome` }]);
      const session = findSetCookie(res, 'ory_kratos_session');
      assert.ok(session, `Set-Cookie ory_kratos_session; got ${JSON.stringify(res.headers['set-cookie'])}`);
      assertCookieAttrs(session, 'session cookie');
      assert.ok(session.value.length > 0);
      const maxAge = Number(session.attrs['max-age']);
      assert.ok(maxAge > 86_000 && maxAge <= 86_400, `session cookie Max-Age ≈ 24h (session.lifespan), got ${session.attrs['max-age']}`);

      const who = await t.frontend.toSession({ cookie: jar.header() });
      assert.equal(who.status, 200);
      assert.equal(who.data.id, res.data.session.id);
    });

    for (const [name, mutate] of [
      ['wrong csrf_token', (body) => { body.csrf_token = Buffer.alloc(64, 7).toString('base64'); }],
      ['missing csrf_token', (body) => { delete body.csrf_token; }],
    ]) {
      test(`${name} → 403 security_csrf_violation`, async () => {
        const email = uniqueEmail('csrf');
        await createUser(t, email);
        const jar = new CookieJar();
        const init = jar.absorb(await t.frontend.createBrowserLoginFlow());
        const body = { method: 'password', identifier: email, password: PASSWORD, csrf_token: node(init.data, 'csrf_token').attributes.value };
        mutate(body);
        const res = await sdkError(t.frontend.updateLoginFlow({ flow: init.data.id, cookie: jar.header(), updateLoginFlowBody: body }), 403);
        assertErrorEnvelope(res.data, 403, 'security_csrf_violation');
        assert.equal(findSetCookie(res, 'ory_kratos_session'), undefined, 'no session cookie');
      });
    }

    test('right csrf_token but no CSRF cookie → 403 security_csrf_violation', async () => {
      const email = uniqueEmail('nocookie');
      await createUser(t, email);
      const { data: flow } = await t.frontend.createBrowserLoginFlow();
      const res = await sdkError(t.frontend.updateLoginFlow({
        flow: flow.id,
        updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD, csrf_token: node(flow, 'csrf_token').attributes.value },
      }), 403);
      assertErrorEnvelope(res.data, 403, 'security_csrf_violation');
    });

    test('login regenerates the CSRF cookie (the browser had no session before)', async () => {
      const email = uniqueEmail('regen');
      await createUser(t, email);
      const jar = new CookieJar();
      jar.absorb(await t.frontend.createBrowserLoginFlow());
      const before = jar.get(t.csrfCookieName);
      await loginBrowser(t, jar, email);
      assert.ok(jar.get(t.csrfCookieName), 'CSRF cookie still set');
      assert.notEqual(jar.get(t.csrfCookieName), before, 'a new CSRF secret after login');
    });

    test('wrong password → 400 flow (JSON) with 4000006', async () => {
      const email = uniqueEmail('spabad');
      await createUser(t, email);
      const jar = new CookieJar();
      const init = jar.absorb(await t.frontend.createBrowserLoginFlow());
      const res = await sdkError(t.frontend.updateLoginFlow({
        flow: init.data.id,
        cookie: jar.header(),
        updateLoginFlowBody: { method: 'password', identifier: email, password: 'wrong password 123', csrf_token: node(init.data, 'csrf_token').attributes.value },
      }), 400);
      assert.equal(res.data.id, init.data.id);
      assert.ok(messageIds(res.data.ui.messages).includes(4000006), JSON.stringify(res.data.ui.messages));
    });

    test('createBrowserLoginFlow with a session cookie → 400 session_already_available', async () => {
      const email = uniqueEmail('spaagain');
      await createUser(t, email);
      const jar = new CookieJar();
      await loginBrowser(t, jar, email);
      const res = await sdkError(t.frontend.createBrowserLoginFlow({ cookie: jar.header() }), 400);
      assertErrorEnvelope(res.data, 400, 'session_already_available');
      const refresh = await t.frontend.createBrowserLoginFlow({ cookie: jar.header(), refresh: true });
      assert.equal(refresh.data.refresh, true);
    });

    test('return_to outside allowed_return_urls → 400 self_service_flow_return_to_forbidden', async () => {
      const login = await sdkError(t.frontend.createBrowserLoginFlow({ returnTo: 'https://evil.example.org/steal' }), 400);
      assertErrorEnvelope(login.data, 400, 'self_service_flow_return_to_forbidden');
      const reg = await sdkError(t.frontend.createBrowserRegistrationFlow({ returnTo: 'https://evil.example.org/steal' }), 400);
      assertErrorEnvelope(reg.data, 400, 'self_service_flow_return_to_forbidden');
    });

    test('allowed return_to is kept on the flow and used after login', async () => {
      const email = uniqueEmail('spareturn');
      await createUser(t, email);
      const jar = new CookieJar();
      const init = jar.absorb(await t.frontend.createBrowserLoginFlow({ returnTo: `${UI}/dashboard` }));
      assert.equal(init.data.return_to, `${UI}/dashboard`);
      const res = await t.frontend.updateLoginFlow({
        flow: init.data.id,
        cookie: jar.header(),
        updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD, csrf_token: node(init.data, 'csrf_token').attributes.value },
      });
      assert.deepEqual(res.data.continue_with, [{ action: 'redirect_browser_to', redirect_browser_to: `${UI}/dashboard` }]);
    });
  });

  describe('SPA registration (JSON through the SDK)', () => {
    test('createBrowserRegistrationFlow → 200 + CSRF cookie; submit → 200 {session, identity, continue_with} + session cookie', async () => {
      const email = uniqueEmail('spareg');
      const jar = new CookieJar();
      const init = jar.absorb(await t.frontend.createBrowserRegistrationFlow());
      assert.equal(init.status, 200);
      assert.equal(init.data.type, 'browser');
      assert.ok(findSetCookie(init, t.csrfCookieName), 'CSRF cookie');
      const got = await t.frontend.getRegistrationFlow({ id: init.data.id, cookie: jar.header() });
      assert.equal(got.data.id, init.data.id);
      const denied = await sdkError(t.frontend.getRegistrationFlow({ id: init.data.id }), 403);
      assertErrorEnvelope(denied.data, 403, 'security_csrf_violation');

      const res = await t.frontend.updateRegistrationFlow({
        flow: init.data.id,
        cookie: jar.header(),
        updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: { email }, csrf_token: node(init.data, 'csrf_token').attributes.value },
      });
      jar.absorb(res);
      assert.equal(res.status, 200);
      assert.equal(res.data.session_token, undefined, 'no session_token for browser flows');
      assert.deepEqual(res.data.identity.traits, { email });
      assert.equal(res.data.session.identity.id, res.data.identity.id);
      const actions = (res.data.continue_with ?? []).map((c) => c.action);
      assert.ok(!actions.includes('set_ory_session_token'), `continue_with: ${JSON.stringify(res.data.continue_with)}`);
      const redirect = (res.data.continue_with ?? []).find((c) => c.action === 'redirect_browser_to');
      assert.equal(redirect?.redirect_browser_to, `${UI}/welcome`, `continue_with: ${JSON.stringify(res.data.continue_with)}`);
      assertCookieAttrs(findSetCookie(res, 'ory_kratos_session'), 'session cookie');
      const who = await t.frontend.toSession({ cookie: jar.header() });
      assert.equal(who.data.identity.id, res.data.identity.id);
    });

    test('validation error → 400 flow (JSON); bad csrf_token → 403', async () => {
      const jar = new CookieJar();
      const init = jar.absorb(await t.frontend.createBrowserRegistrationFlow());
      const csrf = node(init.data, 'csrf_token').attributes.value;
      const bad = await sdkError(t.frontend.updateRegistrationFlow({
        flow: init.data.id, cookie: jar.header(),
        updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: {}, csrf_token: csrf },
      }), 400);
      assert.equal(bad.data.id, init.data.id);
      assert.ok(messageIds(node(bad.data, 'traits.email').messages).includes(4000002));
      const forged = await sdkError(t.frontend.updateRegistrationFlow({
        flow: init.data.id, cookie: jar.header(),
        updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: { email: uniqueEmail('f') }, csrf_token: 'forged' },
      }), 403);
      assertErrorEnvelope(forged.data, 403, 'security_csrf_violation');
    });
  });

  describe('form posts (server-rendered UI, plain fetch)', () => {
    test('login: init 303 to the login UI + CSRF cookie; post 303 to the default return URL + session cookie', async () => {
      const email = uniqueEmail('form');
      await createUser(t, email);
      const jar = new CookieJar();
      const init = await browser(t, jar, '/self-service/login/browser');
      assert.equal(init.status, 303);
      const flowId = flowIdFrom(init.headers.get('location'), '/login');
      assertCookieAttrs(findSetCookie(init, t.csrfCookieName), 'CSRF cookie');

      const { data: flow } = await t.frontend.getLoginFlow({ id: flowId, cookie: jar.header() });
      const post = await browser(t, jar, `/self-service/login?flow=${flowId}`, {
        method: 'POST',
        form: { csrf_token: node(flow, 'csrf_token').attributes.value, identifier: email, password: PASSWORD, method: 'password' },
      });
      assert.equal(post.status, 303);
      assert.equal(post.headers.get('location'), `${UI}/welcome`);
      assertCookieAttrs(findSetCookie(post, 'ory_kratos_session'), 'session cookie');
      const who = await t.frontend.toSession({ cookie: jar.header() });
      assert.deepEqual(who.data.identity.traits, { email });

      const again = await browser(t, jar, '/self-service/login/browser');
      assert.equal(again.status, 303, 'already logged in');
      assert.equal(again.headers.get('location'), `${UI}/welcome`);
    });

    test('login with return_to: 303 to the return URL', async () => {
      const email = uniqueEmail('formret');
      await createUser(t, email);
      const jar = new CookieJar();
      const init = await browser(t, jar, `/self-service/login/browser?return_to=${encodeURIComponent(`${UI}/dashboard`)}`);
      assert.equal(init.status, 303);
      const flowId = flowIdFrom(init.headers.get('location'), '/login');
      const { data: flow } = await t.frontend.getLoginFlow({ id: flowId, cookie: jar.header() });
      assert.equal(flow.return_to, `${UI}/dashboard`);
      const post = await browser(t, jar, `/self-service/login?flow=${flowId}`, {
        method: 'POST',
        form: { csrf_token: node(flow, 'csrf_token').attributes.value, identifier: email, password: PASSWORD, method: 'password' },
      });
      assert.equal(post.status, 303);
      assert.equal(post.headers.get('location'), `${UI}/dashboard`);
    });

    test('login with a wrong password: 303 back to the login UI; the flow carries 4000006', async () => {
      const email = uniqueEmail('formbad');
      await createUser(t, email);
      const jar = new CookieJar();
      const init = await browser(t, jar, '/self-service/login/browser');
      const flowId = flowIdFrom(init.headers.get('location'), '/login');
      const { data: flow } = await t.frontend.getLoginFlow({ id: flowId, cookie: jar.header() });
      const post = await browser(t, jar, `/self-service/login?flow=${flowId}`, {
        method: 'POST',
        form: { csrf_token: node(flow, 'csrf_token').attributes.value, identifier: email, password: 'wrong password 123', method: 'password' },
      });
      assert.equal(post.status, 303);
      assert.equal(flowIdFrom(post.headers.get('location'), '/login'), flowId);
      assert.equal(findSetCookie(post, 'ory_kratos_session'), undefined);
      const { data: after } = await t.frontend.getLoginFlow({ id: flowId, cookie: jar.header() });
      assert.ok(messageIds(after.ui.messages).includes(4000006), JSON.stringify(after.ui.messages));
      assert.equal(node(after, 'identifier').attributes.value, email);
    });

    test('login without csrf_token: 303 to the error UI; getFlowError says security_csrf_violation', async () => {
      const email = uniqueEmail('formcsrf');
      await createUser(t, email);
      const jar = new CookieJar();
      const init = await browser(t, jar, '/self-service/login/browser');
      const flowId = flowIdFrom(init.headers.get('location'), '/login');
      const post = await browser(t, jar, `/self-service/login?flow=${flowId}`, {
        method: 'POST', form: { identifier: email, password: PASSWORD, method: 'password' },
      });
      assert.equal(post.status, 303);
      const location = new URL(post.headers.get('location'));
      assert.equal(location.origin + location.pathname, `${UI}/error`);
      const errorId = location.searchParams.get('id');
      assert.ok(errorId, `error id in ${location}`);
      const { data } = await t.frontend.getFlowError({ id: errorId });
      assert.equal(data.id, errorId);
      assert.equal(data.error.id, 'security_csrf_violation');
      assert.equal(data.error.code, 403);
    });

    test('return_to outside the allow list (HTML): 303 to the error UI', async () => {
      const jar = new CookieJar();
      const init = await browser(t, jar, `/self-service/login/browser?return_to=${encodeURIComponent('https://evil.example.org/')}`);
      assert.equal(init.status, 303);
      const location = new URL(init.headers.get('location'));
      assert.equal(location.origin + location.pathname, `${UI}/error`);
      const { data } = await t.frontend.getFlowError({ id: location.searchParams.get('id') });
      assert.equal(data.error.id, 'self_service_flow_return_to_forbidden');
    });

    test('registration: init 303 to the registration UI; post 303 to the return URL + session cookie; validation error 302', async () => {
      const email = uniqueEmail('formreg');
      const jar = new CookieJar();
      const init = await browser(t, jar, '/self-service/registration/browser');
      assert.equal(init.status, 303);
      const flowId = flowIdFrom(init.headers.get('location'), '/registration');
      assert.ok(findSetCookie(init, t.csrfCookieName), 'CSRF cookie');
      const { data: flow } = await t.frontend.getRegistrationFlow({ id: flowId, cookie: jar.header() });
      const csrf = node(flow, 'csrf_token').attributes.value;

      const bad = await browser(t, jar, `/self-service/registration?flow=${flowId}`, {
        method: 'POST', form: { csrf_token: csrf, 'traits.email': email, password: 'short', method: 'password' },
      });
      assert.equal(bad.status, 302, 'registration uses 302 for validation errors');
      assert.equal(flowIdFrom(bad.headers.get('location'), '/registration'), flowId);
      const { data: shown } = await t.frontend.getRegistrationFlow({ id: flowId, cookie: jar.header() });
      assert.ok(messageIds(node(shown, 'password')?.messages).includes(4000032), JSON.stringify(shown.ui.nodes));

      const post = await browser(t, jar, `/self-service/registration?flow=${flowId}`, {
        method: 'POST', form: { csrf_token: csrf, 'traits.email': email, 'traits.name.first': 'Ada', password: PASSWORD, method: 'password' },
      });
      assert.equal(post.status, 303);
      assert.equal(post.headers.get('location'), `${UI}/welcome`);
      assertCookieAttrs(findSetCookie(post, 'ory_kratos_session'), 'session cookie');
      const who = await t.frontend.toSession({ cookie: jar.header() });
      assert.deepEqual(who.data.identity.traits, { email, name: { first: 'Ada' } });
    });
  });
});
