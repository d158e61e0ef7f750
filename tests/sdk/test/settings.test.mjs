// Settings with the profile and password methods (FLOWS.md §7.1–7.4; API.md §5.3, §6.1, §6.2): native flows with a
// session token, and an SPA flow with the session and CSRF cookies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UI, startTessera } from '../server.mjs';
import {
  CookieJar, PASSWORD, assertErrorEnvelope, createUser, findSetCookie, loginBrowser, loginNative, messageIds, node, sdkError, submitNode,
  uniqueEmail,
} from '../helpers.mjs';

const NEW_PASSWORD = 'an0ther-Long-passphrase for tessera';

describe('settings', () => {
  let t;
  before(async () => { t = await startTessera(); });
  after(async () => { await t?.stop(); });

  /** A new identity with a password, logged in natively; { email, id, token }. */
  async function user() {
    const email = uniqueEmail('settings');
    const created = await createUser(t, email);
    const { session_token: token } = await loginNative(t, email);
    return { email, id: created.id, token };
  }

  test('createNativeSettingsFlow: the identity, profile nodes with current values, password nodes (FLOWS.md §7.1)', async () => {
    const { email, id, token } = await user();
    const res = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    assert.equal(res.status, 200);
    const flow = res.data;
    assert.equal(flow.type, 'api');
    assert.equal(flow.state, 'show_form');
    assert.equal(flow.request_url, t.publicUrl + 'self-service/settings/api');
    assert.equal(flow.ui.action, `${t.publicUrl}self-service/settings?flow=${flow.id}`);
    assert.equal(flow.ui.method, 'POST');
    assert.equal(flow.identity.id, id);
    assert.deepEqual(flow.identity.traits, { email });
    assert.equal(flow.identity.credentials, undefined);

    assert.equal(node(flow, 'csrf_token').attributes.value, '');
    const emailNode = node(flow, 'traits.email');
    assert.equal(emailNode.group, 'profile');
    assert.equal(emailNode.attributes.type, 'email');
    assert.equal(emailNode.attributes.value, email);
    assert.deepEqual(emailNode.meta.label, { id: 1070002, text: 'E-Mail', type: 'info', context: { title: 'E-Mail', name: 'traits.email' } });
    assert.ok(node(flow, 'traits.name.first'));
    const password = node(flow, 'password');
    assert.equal(password.group, 'password');
    assert.equal(password.attributes.autocomplete, 'new-password');
    for (const method of ['profile', 'password']) {
      assert.deepEqual(submitNode(flow, method).meta.label, { id: 1070003, text: 'Save', type: 'info' }, `method=${method}`);
    }

    const { data: again } = await t.frontend.getSettingsFlow({ id: flow.id, xSessionToken: token });
    assert.equal(again.id, flow.id);
    assert.equal(again.identity.id, id);
  });

  test('without a session: createNativeSettingsFlow is 401 session_inactive', async () => {
    const res = await sdkError(t.frontend.createNativeSettingsFlow(), 401);
    assertErrorEnvelope(res.data, 401, 'session_inactive');
  });

  test('updateSettingsFlow method=profile: 200 flow in state success with 1050001 and the new traits (FLOWS.md §7.4)', async () => {
    const { email, id, token } = await user();
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    const res = await t.frontend.updateSettingsFlow({
      flow: flow.id,
      xSessionToken: token,
      updateSettingsFlowBody: { method: 'profile', traits: { email, name: { first: 'Ada', last: 'Lovelace' } } },
    });
    assert.equal(res.status, 200);
    assert.equal(res.data.state, 'success');
    assert.deepEqual(res.data.ui.messages, [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' }]);
    assert.deepEqual(res.data.identity.traits, { email, name: { first: 'Ada', last: 'Lovelace' } });
    assert.equal(node(res.data, 'traits.name.last').attributes.value, 'Lovelace');

    const { data: stored } = await t.identity.getIdentity({ id });
    assert.deepEqual(stored.traits, { email, name: { first: 'Ada', last: 'Lovelace' } });
    const { data: fetched } = await t.frontend.getSettingsFlow({ id: flow.id, xSessionToken: token });
    assert.equal(fetched.state, 'success');
  });

  test('updateSettingsFlow method=profile with an invalid e-mail: 400 flow, message on traits.email', async () => {
    const { token } = await user();
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    const res = await sdkError(t.frontend.updateSettingsFlow({
      flow: flow.id,
      xSessionToken: token,
      updateSettingsFlowBody: { method: 'profile', traits: { email: 'not-an-email' } },
    }), 400);
    assert.equal(res.data.id, flow.id, 'the error body is the flow');
    assert.ok(messageIds(node(res.data, 'traits.email').messages).length > 0, JSON.stringify(node(res.data, 'traits.email')));
    assert.equal(node(res.data, 'traits.email').attributes.value, 'not-an-email');
  });

  test('updateSettingsFlow method=password: the new password logs in, the old one no longer (FLOWS.md §7.2)', async () => {
    const { email, token } = await user();
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    const res = await t.frontend.updateSettingsFlow({
      flow: flow.id,
      xSessionToken: token,
      updateSettingsFlowBody: { method: 'password', password: NEW_PASSWORD },
    });
    assert.equal(res.status, 200);
    assert.equal(res.data.state, 'success');
    assert.deepEqual(messageIds(res.data.ui.messages), [1050001]);
    assert.equal(node(res.data, 'password').attributes.value ?? '', '');

    const fresh = await loginNative(t, email, NEW_PASSWORD);
    assert.match(fresh.session_token, /^ory_st_/);
    await sdkError(loginNative(t, email, PASSWORD), 400);
  });

  test('password policy: too short is 4000032 and the current password 4000039, on the password node', async () => {
    const { token } = await user();
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    const short = await sdkError(t.frontend.updateSettingsFlow({
      flow: flow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'password', password: 'short' },
    }), 400);
    const shortMessage = node(short.data, 'password').messages[0];
    assert.equal(shortMessage.id, 4000032);
    assert.deepEqual(shortMessage.context, { min_length: 8, actual_length: 5 });

    const same = await sdkError(t.frontend.updateSettingsFlow({
      flow: flow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'password', password: PASSWORD },
    }), 400);
    assert.deepEqual(messageIds(node(same.data, 'password').messages), [4000039]);
  });

  test("another identity's flow: 403 security_identity_mismatch", async () => {
    const owner = await user();
    const other = await user();
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: owner.token });
    const get = await sdkError(t.frontend.getSettingsFlow({ id: flow.id, xSessionToken: other.token }), 403);
    assertErrorEnvelope(get.data, 403, 'security_identity_mismatch');
    const update = await sdkError(t.frontend.updateSettingsFlow({
      flow: flow.id, xSessionToken: other.token, updateSettingsFlowBody: { method: 'password', password: NEW_PASSWORD },
    }), 403);
    assertErrorEnvelope(update.data, 403, 'security_identity_mismatch');
  });

  test('SPA: createBrowserSettingsFlow with the session cookie, update with csrf_token → 200 + redirect_browser_to', async () => {
    const email = uniqueEmail('spa');
    await createUser(t, email);
    const jar = new CookieJar();
    await loginBrowser(t, jar, email);
    assert.ok(jar.get('ory_kratos_session'), 'logged in');

    const init = jar.absorb(await t.frontend.createBrowserSettingsFlow({ cookie: jar.header() }));
    assert.equal(init.status, 200);
    const flow = init.data;
    assert.equal(flow.type, 'browser');
    assert.equal(node(flow, 'csrf_token').attributes.value.length, 88);

    const res = jar.absorb(await t.frontend.updateSettingsFlow({
      flow: flow.id,
      cookie: jar.header(),
      updateSettingsFlowBody: { method: 'password', password: NEW_PASSWORD, csrf_token: node(flow, 'csrf_token').attributes.value },
    }));
    assert.equal(res.status, 200);
    assert.equal(res.data.state, 'success');
    assert.deepEqual(res.data.continue_with, [{ action: 'redirect_browser_to', redirect_browser_to: `${UI}/settings?flow=${flow.id}` }]);
    assert.ok(findSetCookie(res, 'ory_kratos_session'), 'session cookie issued again');

    const missing = await sdkError(t.frontend.updateSettingsFlow({
      flow: flow.id, cookie: jar.header(), updateSettingsFlowBody: { method: 'password', password: NEW_PASSWORD + '!' },
    }), 403);
    assertErrorEnvelope(missing.data, 403, 'security_csrf_violation');

    const who = await t.frontend.toSession({ cookie: jar.header() });
    assert.equal(who.data.identity.traits.email, email);
  });
});
