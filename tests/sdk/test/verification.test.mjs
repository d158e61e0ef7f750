// Verification by code (FLOWS.md §9; API.md §5.5, §12.1): after registration with show_verification_ui, the stand-alone
// native flow, and the e-mail's link in a browser; codes read through the admin courier API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UI, startTessera } from '../server.mjs';
import { startSmtpSink } from '../smtp-sink.mjs';
import {
  CookieJar, PASSWORD, assertErrorEnvelope, codeFlowsOverlay, codeOf, createUser, findSetCookie, latestMessage, messageIds, node, sdkError,
  uniqueEmail,
} from '../helpers.mjs';

describe('verification', () => {
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

  const shape = (flow) => flow.ui.nodes.map((n) => `${n.group}:${n.attributes.name ?? n.attributes.id}:${n.attributes.type ?? n.type}`);

  test('after native registration: continue_with show_verification_ui, a code sent, the flow verifies (FLOWS.md §9.1)', async () => {
    const email = uniqueEmail('registered');
    const { data: registration } = await t.frontend.createNativeRegistrationFlow();
    const { data } = await t.frontend.updateRegistrationFlow({
      flow: registration.id, updateRegistrationFlowBody: { method: 'password', password: PASSWORD, traits: { email } },
    });
    assert.deepEqual(data.continue_with.map((c) => c.action), ['show_verification_ui', 'set_ory_session_token']);
    const verification = data.continue_with[0].flow;
    assert.equal(verification.verifiable_address, email);
    assert.equal(verification.url, undefined);
    assert.equal(data.identity.verifiable_addresses[0].status, 'sent');

    const { data: flow } = await t.frontend.getVerificationFlow({ id: verification.id });
    assert.equal(flow.state, 'sent_email');
    assert.deepEqual(messageIds(flow.ui.messages), [1080003]);
    const message = await latestMessage(t, email);
    assert.equal(message.template_type, 'verification_code_valid');
    const code = codeOf(message);
    assert.equal(message.subject, `Use code ${code} to verify your account`);

    const { data: done } = await t.frontend.updateVerificationFlow({ flow: verification.id, updateVerificationFlowBody: { method: 'code', code } });
    assert.equal(done.state, 'passed_challenge');
    const { data: session } = await t.frontend.toSession({ xSessionToken: data.session_token });
    assert.equal(session.identity.verifiable_addresses[0].verified, true);
  });

  test('createNativeVerificationFlow and updateVerificationFlow: email, code, passed_challenge (FLOWS.md §9.2)', async () => {
    const email = uniqueEmail('verify');
    const created = await createUser(t, email);
    const { status, data: flow } = await t.frontend.createNativeVerificationFlow();
    assert.equal(status, 200);
    assert.equal(flow.state, 'choose_method');
    assert.deepEqual(shape(flow), ['default:csrf_token:hidden', 'code:email:email', 'code:method:submit']);

    const { data: sent } = await t.frontend.updateVerificationFlow({ flow: flow.id, updateVerificationFlowBody: { method: 'code', email } });
    assert.equal(sent.state, 'sent_email');
    assert.deepEqual(sent.ui.messages.map((m) => m.id), [1080003]);
    assert.deepEqual(shape(sent), ['code:method:hidden', 'code:code:text', 'code:method:submit', 'code:email:submit']);
    assert.deepEqual(node(sent, 'code').meta.label, { id: 1070011, text: 'Verification code', type: 'info' });

    const message = await latestMessage(t, email);
    const code = codeOf(message);
    assert.ok(message.body.includes(`${t.publicUrl}self-service/verification?code=${code}&flow=${flow.id}`), message.body);

    const wrong = await t.frontend.updateVerificationFlow({ flow: flow.id, updateVerificationFlowBody: { method: 'code', code: code === '000000' ? '111111' : '000000' } });
    assert.deepEqual(messageIds(wrong.data.ui.messages), [4070006]);

    const { data: done } = await t.frontend.updateVerificationFlow({ flow: flow.id, updateVerificationFlowBody: { method: 'code', code } });
    assert.equal(done.state, 'passed_challenge');
    assert.equal(done.ui.method, 'GET');
    assert.equal(done.ui.action, `${UI}/welcome`);
    assert.deepEqual(done.ui.messages, [{ id: 1080002, text: 'You successfully verified your email address.', type: 'success' }]);
    assert.deepEqual(done.ui.nodes.map((n) => [n.type, n.attributes.id, n.attributes.href]), [['a', 'continue', `${UI}/welcome`]]);

    const { data: identity } = await t.identity.getIdentity({ id: created.id });
    const address = identity.verifiable_addresses[0];
    assert.equal(address.verified, true);
    assert.equal(address.status, 'completed');
    assert.ok(address.verified_at);

    // Done: another submission is answered with 410 self_service_flow_replaced and the new flow's id.
    const replaced = await sdkError(t.frontend.updateVerificationFlow({ flow: flow.id, updateVerificationFlowBody: { method: 'code', code } }), 410);
    assertErrorEnvelope(replaced.data, 410, 'self_service_flow_replaced');
    const { data: replacement } = await t.frontend.getVerificationFlow({ id: replaced.data.use_flow_id });
    assert.deepEqual(messageIds(replacement.ui.messages), [4070002]);
  });

  test('an unknown address gets the same answer and no message', async () => {
    const known = uniqueEmail('known');
    await createUser(t, known);
    const unknown = uniqueEmail('nobody');
    const { data: a } = await t.frontend.createNativeVerificationFlow();
    const { data: b } = await t.frontend.createNativeVerificationFlow();
    const { data: knownSent } = await t.frontend.updateVerificationFlow({ flow: a.id, updateVerificationFlowBody: { method: 'code', email: known } });
    const { data: unknownSent } = await t.frontend.updateVerificationFlow({ flow: b.id, updateVerificationFlowBody: { method: 'code', email: unknown } });
    assert.deepEqual(shape(unknownSent), shape(knownSent));
    assert.deepEqual(unknownSent.ui.messages, knownSent.ui.messages);
    const { data: none } = await t.courier.listCourierMessages({ recipient: unknown });
    assert.deepEqual(none, []);
  });

  test('browser: the e-mail link fills the code in and sends the browser to the verification UI (FLOWS.md §9.3)', async () => {
    const email = uniqueEmail('link');
    await createUser(t, email);
    const jar = new CookieJar();
    const init = jar.absorb(await t.frontend.createBrowserVerificationFlow({ cookie: jar.header() }));
    const csrf = node(init.data, 'csrf_token').attributes.value;
    jar.absorb(await t.frontend.updateVerificationFlow({
      flow: init.data.id, cookie: jar.header(), updateVerificationFlowBody: { method: 'code', email, csrf_token: csrf },
    }));
    const message = await latestMessage(t, email);
    const link = /https?:\/\/\S+/.exec(message.body)[0];

    const opened = await fetch(link, { redirect: 'manual', headers: { Accept: 'text/html', Cookie: jar.header() } });
    assert.equal(opened.status, 303);
    assert.equal(opened.headers.get('location'), `${UI}/verification?flow=${init.data.id}`);
    jar.absorb(opened);
    const { data: filled } = await t.frontend.getVerificationFlow({ id: init.data.id, cookie: jar.header() });
    assert.equal(node(filled, 'code').attributes.value, codeOf(message));

    const { data: done } = await t.frontend.updateVerificationFlow({
      flow: init.data.id, cookie: jar.header(), updateVerificationFlowBody: { method: 'code', code: codeOf(message), csrf_token: node(filled, 'csrf_token').attributes.value },
    });
    assert.equal(done.state, 'passed_challenge');
    assert.equal(findSetCookie(opened, 'ory_kratos_session'), undefined);
  });
});
