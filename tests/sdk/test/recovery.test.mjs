// Recovery by code (FLOWS.md §8; API.md §5.4, §7.8): native and SPA flows through FrontendApi, codes read through the
// admin courier API, and the administrator's recovery code and link through IdentityApi. Continue-with transitions
// are on, as FLOWS.md's native sequence needs them to hand out the session token.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UI, startTessera } from '../server.mjs';
import { startSmtpSink } from '../smtp-sink.mjs';
import {
  CookieJar, assertErrorEnvelope, codeFlowsOverlay, codeOf, createUser, findSetCookie, latestMessage, loginNative,
  messageIds, node, sdkError, uniqueEmail,
} from '../helpers.mjs';

const NEW_PASSWORD = 'an0ther-Long-passphrase for tessera';

describe('recovery', () => {
  let t;
  let smtp;
  before(async () => {
    smtp = await startSmtpSink();
    t = await startTessera({ overlay: codeFlowsOverlay(UI, smtp.uri) });
  });
  after(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  const shape = (flow) => flow.ui.nodes.map((n) => `${n.group}:${n.attributes.name}:${n.attributes.type}`);

  test('createNativeRecoveryFlow: csrf_token, email and the code method (FLOWS.md §8.1 step 1)', async () => {
    const { status, data: flow } = await t.frontend.createNativeRecoveryFlow();
    assert.equal(status, 200);
    assert.equal(flow.type, 'api');
    assert.equal(flow.state, 'choose_method');
    assert.equal(flow.active, 'code');
    assert.equal(flow.ui.action, `${t.publicUrl}self-service/recovery?flow=${flow.id}`);
    assert.deepEqual(shape(flow), ['default:csrf_token:hidden', 'code:email:email', 'code:method:submit']);
    assert.deepEqual(node(flow, 'email').meta.label, { id: 1070007, text: 'Email', type: 'info' });
    const { data: again } = await t.frontend.getRecoveryFlow({ id: flow.id });
    assert.equal(again.id, flow.id);
  });

  test('updateRecoveryFlow: the code sent, read, submitted; session token and settings flow (FLOWS.md §8.1 steps 2–4)', async () => {
    const email = uniqueEmail('recover');
    const created = await createUser(t, email);
    const { data: flow } = await t.frontend.createNativeRecoveryFlow();

    const { status, data: sent } = await t.frontend.updateRecoveryFlow({ flow: flow.id, updateRecoveryFlowBody: { method: 'code', email } });
    assert.equal(status, 200);
    assert.equal(sent.state, 'sent_email');
    assert.deepEqual(messageIds(sent.ui.messages), [1060003]);
    assert.deepEqual(shape(sent), ['default:csrf_token:hidden', 'code:code:text', 'code:method:hidden', 'code:method:submit', 'code:email:submit']);
    const codeAttributes = node(sent, 'code').attributes;
    assert.equal(codeAttributes.pattern, '[0-9]+');
    assert.equal(codeAttributes.maxlength, 6);
    assert.equal(codeAttributes.autocomplete, 'one-time-code');

    const message = await latestMessage(t, email);
    assert.equal(message.template_type, 'recovery_code_valid');
    const code = codeOf(message);
    assert.equal(message.subject, `Use code ${code} to recover access to your account`);
    assert.ok(message.body.includes(code), message.body);

    const { data: done } = await t.frontend.updateRecoveryFlow({ flow: flow.id, updateRecoveryFlowBody: { method: 'code', code } });
    assert.equal(done.state, 'passed_challenge');
    assert.deepEqual(done.continue_with.map((c) => c.action), ['set_ory_session_token', 'show_settings_ui']);
    const token = done.continue_with[0].ory_session_token;
    const settingsFlow = done.continue_with[1].flow;
    assert.equal(settingsFlow.url, `${UI}/settings?flow=${settingsFlow.id}`);

    const { data: session } = await t.frontend.toSession({ xSessionToken: token });
    assert.equal(session.identity.id, created.id);
    assert.equal(session.authentication_methods[0].method, 'code_recovery');
    const { data: settings } = await t.frontend.getSettingsFlow({ id: settingsFlow.id, xSessionToken: token });
    assert.deepEqual(messageIds(settings.ui.messages), [1060001]);
    assert.ok(settings.ui.messages[0].context.privileged_session_expires_at);

    // The session is privileged: set a new password at once.
    const { status: changed } = await t.frontend.updateSettingsFlow({
      flow: settingsFlow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'password', password: NEW_PASSWORD },
    });
    assert.equal(changed, 200);
    assert.match((await loginNative(t, email, NEW_PASSWORD)).session_token, /^ory_st_/);
    const { data: identity } = await t.identity.getIdentity({ id: created.id });
    assert.equal(identity.verifiable_addresses[0].verified, true);
    assert.equal(identity.verifiable_addresses[0].status, 'completed');
  });

  test('a wrong code is 4060006; an unknown address gets the same answer and no message', async () => {
    const known = uniqueEmail('known');
    await createUser(t, known);
    const unknown = uniqueEmail('nobody');
    const { data: knownFlow } = await t.frontend.createNativeRecoveryFlow();
    const { data: unknownFlow } = await t.frontend.createNativeRecoveryFlow();
    const { data: knownSent } = await t.frontend.updateRecoveryFlow({ flow: knownFlow.id, updateRecoveryFlowBody: { method: 'code', email: known } });
    const { data: unknownSent } = await t.frontend.updateRecoveryFlow({ flow: unknownFlow.id, updateRecoveryFlowBody: { method: 'code', email: unknown } });
    assert.deepEqual(shape(unknownSent), shape(knownSent));
    assert.deepEqual(unknownSent.ui.messages, knownSent.ui.messages);
    assert.equal(unknownSent.state, knownSent.state);
    const { data: none } = await t.courier.listCourierMessages({ recipient: unknown });
    assert.deepEqual(none, []);

    const { status, data: wrong } = await t.frontend.updateRecoveryFlow({ flow: knownFlow.id, updateRecoveryFlowBody: { method: 'code', code: '000000' } });
    assert.equal(status, 200);
    assert.deepEqual(wrong.ui.messages, [
      { id: 4060006, text: 'The recovery code is invalid or has already been used. Please try again.', type: 'error' },
    ]);
  });

  test('after five wrong codes even the right one is refused (4000001 on a new flow)', async () => {
    const email = uniqueEmail('guess');
    await createUser(t, email);
    const { data: flow } = await t.frontend.createNativeRecoveryFlow();
    await t.frontend.updateRecoveryFlow({ flow: flow.id, updateRecoveryFlowBody: { method: 'code', email } });
    const code = codeOf(await latestMessage(t, email));
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const { data } = await t.frontend.updateRecoveryFlow({ flow: flow.id, updateRecoveryFlowBody: { method: 'code', code: wrong } });
      assert.deepEqual(messageIds(data.ui.messages), [4060006]);
    }
    const refused = await sdkError(t.frontend.updateRecoveryFlow({ flow: flow.id, updateRecoveryFlowBody: { method: 'code', code } }), 400);
    const error = assertErrorEnvelope(refused.data, 400);
    assert.equal(error.reason, 'The request was submitted too often. Please request another code.');
    const next = error.details.continue_with[0];
    assert.equal(next.action, 'show_recovery_ui');
    const { data: replacement } = await t.frontend.getRecoveryFlow({ id: next.flow.id });
    assert.deepEqual(messageIds(replacement.ui.messages), [4000001]);
  });

  test('a logged-in client cannot start recovery: 400 session_already_available', async () => {
    const email = uniqueEmail('logged-in');
    await createUser(t, email);
    const { session_token: token } = await loginNative(t, email);
    const res = await sdkError(t.frontend.createNativeRecoveryFlow({ headers: { 'X-Session-Token': token } }), 400);
    assertErrorEnvelope(res.data, 400, 'session_already_available');
  });

  test('SPA: createBrowserRecoveryFlow, code with csrf_token → 200 with show_settings_ui and the session cookie (FLOWS.md §8.2)', async () => {
    const email = uniqueEmail('spa');
    await createUser(t, email);
    const jar = new CookieJar();
    const init = jar.absorb(await t.frontend.createBrowserRecoveryFlow({ cookie: jar.header() }));
    const csrf = node(init.data, 'csrf_token').attributes.value;
    jar.absorb(await t.frontend.updateRecoveryFlow({
      flow: init.data.id, cookie: jar.header(), updateRecoveryFlowBody: { method: 'code', email, csrf_token: csrf },
    }));
    const code = codeOf(await latestMessage(t, email));
    const res = jar.absorb(await t.frontend.updateRecoveryFlow({
      flow: init.data.id, cookie: jar.header(), updateRecoveryFlowBody: { method: 'code', code, csrf_token: csrf },
    }));
    assert.equal(res.status, 200);
    assert.equal(res.data.state, 'passed_challenge');
    assert.deepEqual(res.data.continue_with.map((c) => c.action), ['show_settings_ui']);
    assert.ok(findSetCookie(res, 'ory_kratos_session'), 'session cookie set');
    const { data: settings } = await t.frontend.getSettingsFlow({ id: res.data.continue_with[0].flow.id, cookie: jar.header() });
    assert.deepEqual(messageIds(settings.ui.messages), [1060001]);
  });

  test('createRecoveryCodeForIdentity: 201 with link and code; the code recovers through the flow it names (API.md §7.8)', async () => {
    const email = uniqueEmail('admin-code');
    const created = await createUser(t, email);
    const res = await t.identity.createRecoveryCodeForIdentity({ createRecoveryCodeForIdentityBody: { identity_id: created.id, expires_in: '15m' } });
    assert.equal(res.status, 201);
    assert.match(res.data.recovery_link, new RegExp(`^${UI}/recovery\\?flow=[0-9a-f-]{36}$`));
    assert.match(res.data.recovery_code, /^[0-9]{6}$/);
    assert.ok(Date.parse(res.data.expires_at) > Date.now());
    const flowId = new URL(res.data.recovery_link).searchParams.get('flow');

    // The flow is a browser flow an administrator made: no CSRF cookie is needed to read or submit it.
    const { data: flow } = await t.frontend.getRecoveryFlow({ id: flowId });
    assert.equal(flow.state, 'sent_email');
    const done = await t.frontend.updateRecoveryFlow({ flow: flowId, updateRecoveryFlowBody: { method: 'code', code: res.data.recovery_code } });
    assert.equal(done.data.continue_with[0].action, 'show_settings_ui');
    assert.ok(findSetCookie(done, 'ory_kratos_session'));

    const unknown = await sdkError(t.identity.createRecoveryCodeForIdentity({
      createRecoveryCodeForIdentityBody: { identity_id: '00000000-0000-4000-8000-000000000000' },
    }), 404);
    assertErrorEnvelope(unknown.data, 404);
    await sdkError(t.identity.createRecoveryCodeForIdentity({ createRecoveryCodeForIdentityBody: { identity_id: created.id, expires_in: 'soon' } }), 400);
  });

  test('createRecoveryLinkForIdentity: the link logs the browser in and lands on the settings UI', async () => {
    const email = uniqueEmail('admin-link');
    const created = await createUser(t, email);
    const { status, data } = await t.identity.createRecoveryLinkForIdentity({ createRecoveryLinkForIdentityBody: { identity_id: created.id } });
    assert.equal(status, 200);
    assert.match(data.recovery_link, new RegExp(`^${t.publicUrl}self-service/recovery\\?flow=[0-9a-f-]{36}&token=[A-Za-z0-9]{32}$`));
    const opened = await fetch(data.recovery_link, { redirect: 'manual', headers: { Accept: 'text/html' } });
    assert.equal(opened.status, 303);
    assert.match(opened.headers.get('location'), new RegExp(`^${UI}/settings\\?flow=`));
    assert.ok(findSetCookie(opened, 'ory_kratos_session'));

    const unknown = await sdkError(t.identity.createRecoveryLinkForIdentity({
      createRecoveryLinkForIdentityBody: { identity_id: '00000000-0000-4000-8000-000000000000' },
    }), 400);
    assertErrorEnvelope(unknown.data, 400);
  });
});
