// Native (API) registration with the password method (FLOWS.md §1, API.md §5.2).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTessera } from '../server.mjs';
import { PASSWORD, assertErrorEnvelope, messageIds, node, registerNative, sdkError, uniqueEmail } from '../helpers.mjs';

describe('native registration', () => {
  let t;
  before(async () => { t = await startTessera(); });
  after(async () => { await t?.stop(); });

  test('createNativeRegistrationFlow returns an api flow with the schema nodes', async () => {
    const res = await t.frontend.createNativeRegistrationFlow();
    assert.equal(res.status, 200);
    const flow = res.data;
    assert.match(flow.id, /^[0-9a-f-]{36}$/);
    assert.equal(flow.type, 'api');
    assert.equal(flow.state, 'choose_method');
    assert.equal(flow.request_url, t.publicUrl + 'self-service/registration/api');
    assert.equal(flow.ui.action, `${t.publicUrl}self-service/registration?flow=${flow.id}`);
    assert.equal(flow.ui.method, 'POST');
    assert.ok(Date.parse(flow.expires_at) > Date.parse(flow.issued_at), 'expires_at after issued_at');
    const csrf = node(flow, 'csrf_token');
    assert.ok(csrf, 'csrf_token node');
    assert.deepEqual({ type: csrf.attributes.type, value: csrf.attributes.value, group: csrf.group }, { type: 'hidden', value: '', group: 'default' });
    const email = node(flow, 'traits.email');
    assert.ok(email, 'traits.email node');
    assert.equal(email.attributes.type, 'email');
    assert.equal(email.attributes.required, true);
    assert.equal(email.attributes.autocomplete, 'email');
    assert.equal(email.meta.label.id, 1070002);
    assert.equal(email.meta.label.text, 'E-Mail');
    assert.ok(node(flow, 'traits.name.first'), 'traits.name.first node');
    assert.ok(node(flow, 'traits.name.last'), 'traits.name.last node');
    assert.match(res.headers['cache-control'] ?? '', /no-store/);
  });

  test('getRegistrationFlow returns the api flow by id', async () => {
    const { data: flow } = await t.frontend.createNativeRegistrationFlow();
    const { status, data } = await t.frontend.getRegistrationFlow({ id: flow.id });
    assert.equal(status, 200);
    assert.equal(data.id, flow.id);
    assert.equal(data.type, 'api');
  });

  test('updateRegistrationFlow with method password returns session_token, session and identity', async () => {
    const email = uniqueEmail('ada');
    const { data: flow } = await t.frontend.createNativeRegistrationFlow();
    const res = await t.frontend.updateRegistrationFlow({
      flow: flow.id,
      updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: { email, name: { first: 'Ada' } } },
    });
    assert.equal(res.status, 200);
    const body = res.data;
    assert.match(body.session_token, /^ory_st_[A-Za-z0-9]{32}$/);

    const { identity, session } = body;
    assert.match(identity.id, /^[0-9a-f-]{36}$/);
    assert.equal(identity.schema_id, 'default');
    assert.equal(identity.schema_url, t.publicUrl + 'schemas/ZGVmYXVsdA');
    assert.equal(identity.state, 'active');
    assert.deepEqual(identity.traits, { email, name: { first: 'Ada' } });
    assert.equal(identity.credentials, undefined, 'no credentials in the public identity');
    assert.equal(identity.verifiable_addresses?.[0]?.value, email);
    assert.equal(identity.verifiable_addresses[0].verified, false);
    assert.equal(identity.recovery_addresses?.[0]?.value, email);

    assert.equal(session.active, true);
    assert.equal(session.authenticator_assurance_level, 'aal1');
    assert.equal(session.authentication_methods.length, 1);
    assert.equal(session.authentication_methods[0].method, 'password');
    assert.equal(session.authentication_methods[0].aal, 'aal1');
    assert.equal(session.identity.id, identity.id);
    assert.ok(Date.parse(session.expires_at) > Date.now(), 'expires_at in the future');
    assert.ok(Array.isArray(session.devices) && session.devices.length === 1, 'one device');
    assert.equal(session.token, undefined, 'the token is never part of the session JSON');

    const set = (body.continue_with ?? []).find((c) => c.action === 'set_ory_session_token');
    assert.ok(set, `continue_with has set_ory_session_token: ${JSON.stringify(body.continue_with)}`);
    assert.equal(set.ory_session_token, body.session_token);

    const who = await t.frontend.toSession({ xSessionToken: body.session_token });
    assert.equal(who.status, 200);
    assert.equal(who.data.id, session.id);
    assert.equal(who.data.identity.id, identity.id);
    assert.equal(who.headers['x-kratos-authenticated-identity-id'], identity.id);

    const { data: stored } = await t.identity.getIdentity({ id: identity.id, includeCredential: ['password'] });
    assert.deepEqual(stored.credentials.password.identifiers, [email]);
    assert.match(stored.credentials.password.config.hashed_password, /^\$2[aby]\$04\$/, 'bcrypt with the configured cost 4');
  });

  test('missing email: 400 flow, node traits.email carries 4000002 (SDK throws with the flow as response.data)', async () => {
    const { data: flow } = await t.frontend.createNativeRegistrationFlow();
    const res = await sdkError(t.frontend.updateRegistrationFlow({
      flow: flow.id,
      updateRegistrationFlowBody: { method: 'password', password: 'short', traits: {} },
    }), 400);
    const body = res.data;
    assert.equal(body.id, flow.id, 'the error body is the flow');
    assert.equal(body.type, 'api');
    assert.ok(Array.isArray(body.ui?.nodes), 'ui.nodes');
    const email = node(body, 'traits.email');
    assert.ok(email, 'traits.email node');
    const msg = email.messages.find((m) => m.id === 4000002);
    assert.ok(msg, `traits.email messages: ${JSON.stringify(email.messages)}`);
    assert.equal(msg.type, 'error');
    assert.equal(msg.text, 'Property email is missing.');
    assert.deepEqual(msg.context, { property: 'email' });
    const password = node(body, 'password');
    assert.ok(!password || !messageIds(password.messages).includes(4000032), 'schema errors first, policy later');
  });

  test('short password: 400 flow, node password carries 4000032', async () => {
    const email = uniqueEmail('short');
    const { data: flow } = await t.frontend.createNativeRegistrationFlow();
    const res = await sdkError(t.frontend.updateRegistrationFlow({
      flow: flow.id,
      updateRegistrationFlowBody: { method: 'password', password: 'short', traits: { email } },
    }), 400);
    const password = node(res.data, 'password');
    assert.ok(password, 'password node');
    const msg = password.messages.find((m) => m.id === 4000032);
    assert.ok(msg, `password messages: ${JSON.stringify(password.messages)}`);
    assert.equal(msg.type, 'error');
    assert.equal(msg.text, 'The password must be at least 8 characters long, but got 5.');
    assert.deepEqual(msg.context, { min_length: 8, actual_length: 5 });
    assert.equal(node(res.data, 'traits.email').attributes.value, email, 'submitted trait kept');
    assert.equal(password.attributes.value ?? '', '', 'password never echoed');
  });

  test('duplicate email: 400 flow with global message 4000007', async () => {
    const email = uniqueEmail('dup');
    await registerNative(t, email);
    const { data: flow } = await t.frontend.createNativeRegistrationFlow();
    const res = await sdkError(t.frontend.updateRegistrationFlow({
      flow: flow.id,
      updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: { email } },
    }), 400);
    assert.equal(res.data.id, flow.id);
    const msg = (res.data.ui.messages ?? []).find((m) => m.id === 4000007);
    assert.ok(msg, `ui.messages: ${JSON.stringify(res.data.ui.messages)}`);
    assert.equal(msg.type, 'error');
    assert.equal(msg.text, 'An account with the same identifier (email, phone, username, ...) exists already.');
    assert.equal(node(res.data, 'traits.email').attributes.value, email);
  });

  test('a submit carrying a Cookie header is a 400 error, not a flow', async () => {
    const { data: flow } = await t.frontend.createNativeRegistrationFlow();
    const res = await sdkError(t.frontend.updateRegistrationFlow({
      flow: flow.id,
      cookie: 'some_cookie=1',
      updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: { email: uniqueEmail('cookie') } },
    }), 400);
    const error = assertErrorEnvelope(res.data, 400);
    assert.match(error.reason ?? '', /The HTTP Request Header included the "Cookie" key/);
    assert.equal(res.data.ui, undefined, 'not a flow');
  });

  test('unknown flow id: 404', async () => {
    const res = await sdkError(t.frontend.updateRegistrationFlow({
      flow: randomUUID(),
      updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: { email: uniqueEmail('nf') } },
    }), 404);
    assertErrorEnvelope(res.data, 404);
    const get = await sdkError(t.frontend.getRegistrationFlow({ id: randomUUID() }), 404);
    assertErrorEnvelope(get.data, 404);
  });

  test('init with the X-Session-Token of a valid session: 400 session_already_available', async () => {
    const { session_token: token } = await registerNative(t, uniqueEmail('already'));
    const res = await sdkError(t.frontend.createNativeRegistrationFlow({}, { headers: { 'X-Session-Token': token } }), 400);
    assertErrorEnvelope(res.data, 400, 'session_already_available');
  });

  test('submit with the X-Session-Token of a valid session: 400 session_already_available (plain error)', async () => {
    const { session_token: token } = await registerNative(t, uniqueEmail('again'));
    const { data: flow } = await t.frontend.createNativeRegistrationFlow();
    const res = await sdkError(t.frontend.updateRegistrationFlow(
      { flow: flow.id, updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: { email: uniqueEmail('again2') } } },
      { headers: { 'X-Session-Token': token } },
    ), 400);
    assertErrorEnvelope(res.data, 400, 'session_already_available');
  });
});
