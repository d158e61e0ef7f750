// Native (API) login with the password method (FLOWS.md §3.1, §12; API.md §5.1).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTessera } from '../server.mjs';
import { PASSWORD, assertErrorEnvelope, createUser, loginNative, node, sdkError, submitNode, uniqueEmail } from '../helpers.mjs';

const INVALID_CREDENTIALS = 'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.';
// bcrypt (cost 10) of "123456", FLOWS.md §12.
const GRACE_HASH = '$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq';

describe('native login', () => {
  let t;
  before(async () => { t = await startTessera(); });
  after(async () => { await t?.stop(); });

  test('createNativeLoginFlow: identifier, csrf_token, password and method=password (label 1010022)', async () => {
    const res = await t.frontend.createNativeLoginFlow();
    assert.equal(res.status, 200);
    const flow = res.data;
    assert.equal(flow.type, 'api');
    assert.equal(flow.state, 'choose_method');
    assert.equal(flow.refresh, false);
    assert.equal(flow.requested_aal, 'aal1');
    assert.equal(flow.request_url, t.publicUrl + 'self-service/login/api');
    assert.equal(flow.ui.action, `${t.publicUrl}self-service/login?flow=${flow.id}`);
    assert.equal(flow.ui.method, 'POST');

    const identifier = node(flow, 'identifier');
    assert.ok(identifier, 'identifier node');
    assert.equal(identifier.group, 'default');
    assert.equal(identifier.attributes.type, 'text');
    assert.equal(identifier.attributes.required, true);
    assert.equal(identifier.meta.label.id, 1070002);
    assert.equal(identifier.meta.label.text, 'E-Mail');

    const csrf = node(flow, 'csrf_token');
    assert.ok(csrf, 'csrf_token node');
    assert.equal(csrf.attributes.type, 'hidden');
    assert.equal(csrf.attributes.value, '');

    const password = node(flow, 'password');
    assert.ok(password, 'password node');
    assert.equal(password.group, 'password');
    assert.equal(password.attributes.type, 'password');
    assert.equal(password.attributes.required, true);
    assert.equal(password.attributes.autocomplete, 'current-password');
    assert.equal(password.meta.label.id, 1070001);

    const submit = submitNode(flow, 'password');
    assert.ok(submit, 'method=password submit node');
    assert.equal(submit.group, 'password');
    assert.equal(submit.attributes.type, 'submit');
    assert.deepEqual(submit.meta.label, { id: 1010022, text: 'Sign in with password', type: 'info' });

    const { data: again } = await t.frontend.getLoginFlow({ id: flow.id });
    assert.equal(again.id, flow.id);
  });

  test('updateLoginFlow with the right password: session_token + aal1 session', async () => {
    const email = uniqueEmail('login');
    const created = await createUser(t, email);
    const { data: flow } = await t.frontend.createNativeLoginFlow();
    const res = await t.frontend.updateLoginFlow({
      flow: flow.id,
      updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD },
    });
    assert.equal(res.status, 200);
    assert.match(res.data.session_token, /^ory_st_[A-Za-z0-9]{32}$/);
    const { session } = res.data;
    assert.equal(session.active, true);
    assert.equal(session.authenticator_assurance_level, 'aal1');
    assert.equal(session.authentication_methods[0].method, 'password');
    assert.equal(session.authentication_methods[0].aal, 'aal1');
    assert.equal(session.identity.id, created.id);
    assert.deepEqual(session.identity.traits, { email });

    const who = await t.frontend.toSession({ xSessionToken: res.data.session_token });
    assert.equal(who.data.id, session.id);
  });

  for (const [name, known] of [['wrong password', true], ['unknown identifier', false]]) {
    test(`${name}: 400 flow with global 4000006, identifier kept, password cleared`, async () => {
      const email = uniqueEmail('bad');
      if (known) await createUser(t, email);
      const { data: flow } = await t.frontend.createNativeLoginFlow();
      const res = await sdkError(t.frontend.updateLoginFlow({
        flow: flow.id,
        updateLoginFlowBody: { method: 'password', identifier: email, password: 'not the password 99' },
      }), 400);
      const body = res.data;
      assert.equal(body.id, flow.id, 'the error body is the flow');
      assert.equal(body.type, 'api');
      const msg = (body.ui.messages ?? []).find((m) => m.id === 4000006);
      assert.ok(msg, `ui.messages: ${JSON.stringify(body.ui.messages)}`);
      assert.equal(msg.type, 'error');
      assert.equal(msg.text, INVALID_CREDENTIALS);
      assert.equal(node(body, 'identifier').attributes.value, email);
      assert.equal(node(body, 'password').attributes.value ?? '', '');
      assert.equal(body.session_token, undefined);
    });
  }

  test('missing identifier: 400 flow, node identifier carries 4000002', async () => {
    const { data: flow } = await t.frontend.createNativeLoginFlow();
    const res = await sdkError(t.frontend.updateLoginFlow({
      flow: flow.id,
      updateLoginFlowBody: { method: 'password', identifier: '', password: PASSWORD },
    }), 400);
    const msg = node(res.data, 'identifier').messages.find((m) => m.id === 4000002);
    assert.ok(msg, JSON.stringify(node(res.data, 'identifier').messages));
    assert.equal(msg.text, 'Property identifier is missing.');
  });

  test('an identity imported through the admin API with a bcrypt hash logs in (identifier case-insensitive)', async () => {
    const email = uniqueEmail('grace');
    const created = await t.identity.createIdentity({
      createIdentityBody: {
        schema_id: 'default',
        traits: { email },
        credentials: { password: { config: { hashed_password: GRACE_HASH } } },
        verifiable_addresses: [{ value: email, via: 'email', verified: true, status: 'completed' }],
      },
    });
    assert.equal(created.status, 201);
    const body = await loginNative(t, email.toUpperCase(), '123456');
    assert.match(body.session_token, /^ory_st_/);
    assert.equal(body.session.identity.id, created.data.id);
    assert.equal(body.session.authentication_methods[0].method, 'password');

    const { data: flow } = await t.frontend.createNativeLoginFlow();
    const bad = await sdkError(t.frontend.updateLoginFlow({
      flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: email, password: '1234567' },
    }), 400);
    assert.ok((bad.data.ui.messages ?? []).some((m) => m.id === 4000006));
  });

  test('after a login with an imported bcrypt hash the stored hash is unchanged (same algorithm as the hasher)', async () => {
    const email = uniqueEmail('keep');
    const { data: created } = await t.identity.createIdentity({
      createIdentityBody: { schema_id: 'default', traits: { email }, credentials: { password: { config: { hashed_password: GRACE_HASH } } } },
    });
    await loginNative(t, email, '123456');
    const { data: stored } = await t.identity.getIdentity({ id: created.id, includeCredential: ['password'] });
    assert.equal(stored.credentials.password.config.hashed_password, GRACE_HASH,
      'FLOWS.md §12: bcrypt equals the configured hasher, so nothing changes (the cost differs: 10 imported, 4 configured)');
  });

  test('createNativeLoginFlow with the X-Session-Token of a valid session: 400 session_already_available', async () => {
    const email = uniqueEmail('already');
    await createUser(t, email);
    const { session_token: token } = await loginNative(t, email);
    const res = await sdkError(t.frontend.createNativeLoginFlow({ xSessionToken: token }), 400);
    assertErrorEnvelope(res.data, 400, 'session_already_available');
  });

  test('createNativeLoginFlow with refresh=true and a token: 200 flow with refresh', async () => {
    const email = uniqueEmail('refresh');
    await createUser(t, email);
    const { session_token: token } = await loginNative(t, email);
    const { status, data } = await t.frontend.createNativeLoginFlow({ refresh: true, xSessionToken: token });
    assert.equal(status, 200);
    assert.equal(data.refresh, true);
  });

  test('submit with the X-Session-Token of a valid session: 400 flow with global 4000001', async () => {
    const email = uniqueEmail('twice');
    await createUser(t, email);
    const { session_token: token } = await loginNative(t, email);
    const { data: flow } = await t.frontend.createNativeLoginFlow();
    const res = await sdkError(t.frontend.updateLoginFlow({
      flow: flow.id, xSessionToken: token, updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD },
    }), 400);
    assert.equal(res.data.id, flow.id, 'the error body is the flow');
    const msg = (res.data.ui.messages ?? []).find((m) => m.id === 4000001);
    assert.ok(msg, `ui.messages: ${JSON.stringify(res.data.ui.messages)}`);
    assert.equal(msg.text, 'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?');
  });

  test('a submit carrying an Origin header is a 400 error', async () => {
    const { data: flow } = await t.frontend.createNativeLoginFlow();
    const res = await sdkError(t.frontend.updateLoginFlow(
      { flow: flow.id, updateLoginFlowBody: { method: 'password', identifier: uniqueEmail('o'), password: PASSWORD } },
      { headers: { Origin: 'http://127.0.0.1:4455' } },
    ), 400);
    assert.match(assertErrorEnvelope(res.data, 400).reason ?? '', /The HTTP Request Header included the "Origin" key/);
  });

  test('a submit carrying a Cookie header is a 400 error; unknown flow is 404', async () => {
    const { data: flow } = await t.frontend.createNativeLoginFlow();
    const res = await sdkError(t.frontend.updateLoginFlow({
      flow: flow.id, cookie: 'x=1', updateLoginFlowBody: { method: 'password', identifier: uniqueEmail('c'), password: PASSWORD },
    }), 400);
    assert.match(assertErrorEnvelope(res.data, 400).reason ?? '', /"Cookie" key/);
    const nf = await sdkError(t.frontend.updateLoginFlow({
      flow: randomUUID(), updateLoginFlowBody: { method: 'password', identifier: uniqueEmail('c'), password: PASSWORD },
    }), 404);
    assertErrorEnvelope(nf.data, 404);
  });
});
