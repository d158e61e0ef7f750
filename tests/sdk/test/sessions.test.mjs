// whoami, the caller's own sessions, and logout (FLOWS.md §5, §6; API.md §5.6, §5.7, §9).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { UI, startTessera } from '../server.mjs';
import { CookieJar, assertErrorEnvelope, createUser, findSetCookie, loginBrowser, loginNative, sdkError, uniqueEmail } from '../helpers.mjs';

const NO_SESSION_REASON = 'No valid session credentials found in the request.';

describe('sessions and logout', () => {
  let t;
  before(async () => { t = await startTessera(); });
  after(async () => { await t?.stop(); });

  describe('whoami (toSession)', () => {
    test('401 without credentials, with an unknown token, with a garbage cookie', async () => {
      for (const params of [{}, { xSessionToken: 'ory_st_' + 'x'.repeat(32) }, { cookie: 'ory_kratos_session=garbage' }]) {
        const res = await sdkError(t.frontend.toSession(params), 401);
        const error = assertErrorEnvelope(res.data, 401);
        assert.equal(error.status, 'Unauthorized');
        assert.equal(error.reason, NO_SESSION_REASON, JSON.stringify(params));
        assert.equal(error.message, 'The request could not be authorized');
      }
    });

    test('by X-Session-Token and by Authorization: Bearer', async () => {
      const email = uniqueEmail('who');
      const user = await createUser(t, email);
      const { session_token: token, session } = await loginNative(t, email);
      const res = await t.frontend.toSession({ xSessionToken: token });
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-kratos-authenticated-identity-id'], user.id);
      const s = res.data;
      assert.equal(s.id, session.id);
      assert.equal(s.active, true);
      assert.equal(s.authenticator_assurance_level, 'aal1');
      assert.deepEqual(s.authentication_methods.map((m) => [m.method, m.aal]), [['password', 'aal1']]);
      assert.ok(Date.parse(s.expires_at) > Date.now());
      assert.ok(Date.parse(s.authenticated_at) <= Date.now() + 1000);
      assert.equal(s.identity.id, user.id);
      assert.deepEqual(s.identity.traits, { email });
      assert.equal(s.identity.credentials, undefined, 'no credentials in whoami');
      assert.equal(s.identity.metadata_admin, undefined, 'no admin metadata in whoami');
      assert.ok(Array.isArray(s.devices) && s.devices.length >= 1);
      assert.equal(s.devices[0].ip_address, '127.0.0.1');

      const bearer = await t.frontend.toSession({}, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(bearer.data.id, session.id);
    });

    test('by the session cookie of a browser login', async () => {
      const email = uniqueEmail('whocookie');
      await createUser(t, email);
      const jar = new CookieJar();
      const login = await loginBrowser(t, jar, email);
      const res = await t.frontend.toSession({ cookie: jar.header() });
      assert.equal(res.status, 200);
      assert.equal(res.data.id, login.data.session.id);
      assert.deepEqual(res.data.identity.traits, { email });
    });
  });

  describe('own sessions', () => {
    test('without a session: listMySessions and disableMyOtherSessions answer 401', async () => {
      assertErrorEnvelope((await sdkError(t.frontend.listMySessions(), 401)).data, 401);
      assertErrorEnvelope((await sdkError(t.frontend.disableMyOtherSessions(), 401)).data, 401);
      assertErrorEnvelope((await sdkError(t.frontend.disableMySession({ id: randomUUID() }), 401)).data, 401);
    });

    test('listMySessions lists the other sessions; disableMySession and disableMyOtherSessions revoke them', async () => {
      const email = uniqueEmail('many');
      const user = await createUser(t, email);
      const [a, b, c] = [await loginNative(t, email), await loginNative(t, email), await loginNative(t, email)];

      const list = await t.frontend.listMySessions({ xSessionToken: a.session_token });
      assert.equal(list.status, 200);
      const ids = list.data.map((s) => s.id).sort();
      assert.deepEqual(ids, [b.session.id, c.session.id].sort(), 'the current session is excluded');
      for (const s of list.data) {
        assert.equal(s.identity.id, user.id, 'identity expanded');
        assert.ok(Array.isArray(s.devices), 'devices expanded');
        assert.equal(s.active, true);
      }

      const own = await sdkError(t.frontend.disableMySession({ id: a.session.id, xSessionToken: a.session_token }), 400);
      assertErrorEnvelope(own.data, 400);
      const unknown = await sdkError(t.frontend.disableMySession({ id: randomUUID(), xSessionToken: a.session_token }), 404);
      assertErrorEnvelope(unknown.data, 404);

      const del = await t.frontend.disableMySession({ id: b.session.id, xSessionToken: a.session_token });
      assert.equal(del.status, 204);
      await sdkError(t.frontend.toSession({ xSessionToken: b.session_token }), 401);
      const after = await t.frontend.listMySessions({ xSessionToken: a.session_token });
      assert.deepEqual(after.data.map((s) => s.id), [c.session.id]);

      const others = await t.frontend.disableMyOtherSessions({ xSessionToken: a.session_token });
      assert.equal(others.status, 200);
      assert.deepEqual(others.data, { count: 1 });
      await sdkError(t.frontend.toSession({ xSessionToken: c.session_token }), 401);
      const still = await t.frontend.toSession({ xSessionToken: a.session_token });
      assert.equal(still.data.id, a.session.id, 'the current session survives');
      assert.deepEqual((await t.frontend.listMySessions({ xSessionToken: a.session_token })).data, []);
    });

    test('another identity cannot revoke my session (404)', async () => {
      const [e1, e2] = [uniqueEmail('mine'), uniqueEmail('theirs')];
      await createUser(t, e1);
      await createUser(t, e2);
      const mine = await loginNative(t, e1);
      const theirs = await loginNative(t, e2);
      await sdkError(t.frontend.disableMySession({ id: mine.session.id, xSessionToken: theirs.session_token }), 404);
      assert.equal((await t.frontend.toSession({ xSessionToken: mine.session_token })).status, 200);
    });
  });

  describe('logout', () => {
    test('createBrowserLogoutFlow without a session: 401 session_inactive', async () => {
      const res = await sdkError(t.frontend.createBrowserLogoutFlow(), 401);
      assertErrorEnvelope(res.data, 401, 'session_inactive');
    });

    test('browser (SPA): createBrowserLogoutFlow → logout_url/logout_token; updateLogoutFlow → 204, cookie gone', async () => {
      const email = uniqueEmail('bye');
      await createUser(t, email);
      const jar = new CookieJar();
      await loginBrowser(t, jar, email);
      const sessionCookie = jar.header();

      const flow = await t.frontend.createBrowserLogoutFlow({ cookie: jar.header(), returnTo: `${UI}/bye` });
      assert.equal(flow.status, 200);
      assert.match(flow.data.logout_token, /^ory_lo_[A-Za-z0-9]{32}$/);
      const url = new URL(flow.data.logout_url);
      assert.equal(url.origin + url.pathname, t.publicUrl + 'self-service/logout');
      assert.equal(url.searchParams.get('token'), flow.data.logout_token);
      assert.equal(url.searchParams.get('return_to'), `${UI}/bye`);

      const wrong = await sdkError(t.frontend.updateLogoutFlow({ token: 'ory_lo_' + 'y'.repeat(32), cookie: jar.header() }), 403);
      assertErrorEnvelope(wrong.data, 403);

      const res = await t.frontend.updateLogoutFlow({ token: flow.data.logout_token, returnTo: `${UI}/bye`, cookie: jar.header() });
      assert.equal(res.status, 204);
      const cleared = findSetCookie(res, 'ory_kratos_session');
      assert.ok(cleared, `session cookie deleted; got ${JSON.stringify(res.headers['set-cookie'])}`);
      const gone = cleared.value === '' || Number(cleared.attrs['max-age']) <= 0 || Date.parse(cleared.attrs.expires) < Date.now();
      assert.ok(gone, `cookie expired: ${JSON.stringify(cleared)}`);
      jar.absorb(res);
      assert.equal(jar.get('ory_kratos_session'), undefined);

      const after = await sdkError(t.frontend.toSession({ cookie: sessionCookie }), 401);
      assert.equal(after.data.error.reason, NO_SESSION_REASON, 'the old cookie no longer works: the session is revoked');
    });

    test('browser logout regenerates the CSRF cookie (API.md §5.6)', async () => {
      const email = uniqueEmail('byecsrf');
      await createUser(t, email);
      const jar = new CookieJar();
      await loginBrowser(t, jar, email);
      const csrfBefore = jar.get(t.csrfCookieName);
      const { data } = await t.frontend.createBrowserLogoutFlow({ cookie: jar.header() });
      const res = await t.frontend.updateLogoutFlow({ token: data.logout_token, cookie: jar.header() });
      assert.equal(res.status, 204);
      const csrf = findSetCookie(res, t.csrfCookieName);
      assert.ok(csrf, `Set-Cookie ${t.csrfCookieName} on logout; got ${JSON.stringify(res.headers['set-cookie'])}`);
      assert.notEqual(csrf.value, csrfBefore, 'a new CSRF secret');
    });

    test('browser (HTML): the logout_url answers 303 to return_to, or to the logout default', async () => {
      for (const returnTo of [`${UI}/bye`, undefined]) {
        const email = uniqueEmail('byehtml');
        await createUser(t, email);
        const jar = new CookieJar();
        await loginBrowser(t, jar, email);
        const { data } = await t.frontend.createBrowserLogoutFlow({ cookie: jar.header(), returnTo });
        const res = await fetch(data.logout_url, { headers: { Accept: 'text/html', Cookie: jar.header() }, redirect: 'manual' });
        assert.equal(res.status, 303);
        assert.equal(res.headers.get('location'), returnTo ?? `${UI}/login`);
        const cleared = findSetCookie(res, 'ory_kratos_session');
        assert.ok(cleared, 'session cookie deleted');
        jar.absorb(res);
        await sdkError(t.frontend.toSession({ cookie: jar.header() }), 401);
      }
    });

    test('updateLogoutFlow without token: 400', async () => {
      const email = uniqueEmail('notoken');
      await createUser(t, email);
      const jar = new CookieJar();
      await loginBrowser(t, jar, email);
      const res = await sdkError(t.frontend.updateLogoutFlow({ cookie: jar.header() }), 400);
      assertErrorEnvelope(res.data, 400);
    });

    test('native: performNativeLogout → 204, then the token no longer works (401)', async () => {
      const email = uniqueEmail('nativebye');
      await createUser(t, email);
      const { session_token: token } = await loginNative(t, email);
      const res = await t.frontend.performNativeLogout({ performNativeLogoutBody: { session_token: token } });
      assert.equal(res.status, 204);
      const who = await sdkError(t.frontend.toSession({ xSessionToken: token }), 401);
      assert.equal(who.data.error.reason, NO_SESSION_REASON);
    });

    test('performNativeLogout with an unknown token: 403', async () => {
      const res = await sdkError(t.frontend.performNativeLogout({ performNativeLogoutBody: { session_token: 'ory_st_' + 'z'.repeat(32) } }), 403);
      assert.equal(assertErrorEnvelope(res.data, 403).reason, 'The provided Ory Session Token could not be found, is invalid, or otherwise malformed.');
    });
  });
});
