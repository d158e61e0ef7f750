// Passwordless login and registration by one-time code, and a code as the second factor (FLOWS.md §10; API.md §6.3),
// through FrontendApi, with codes read through the admin courier API as the recovery tests read them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UI, startTessera } from '../server.mjs';
import { startSmtpSink } from '../smtp-sink.mjs';
import { PASSWORD, codeFlowsOverlay, codeOf, createUser, latestMessage, loginNative, messageIds, node, sdkError, uniqueEmail } from '../helpers.mjs';

const schemaUrl = 'file://' + join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'identity.email-code.schema.json');

/** The code-flow overlay with the e-mail trait a code identifier and the code method configured as given. */
function overlay(smtpUri, code) {
  const base = codeFlowsOverlay(UI, smtpUri);
  base.identity = { default_schema_id: 'default', schemas: [{ id: 'default', url: schemaUrl }] };
  base.selfservice.methods.code = code;
  base.selfservice.flows.registration.after.code = { hooks: [{ hook: 'session' }] };
  return base;
}

const shape = (flow) => flow.ui.nodes.filter((n) => n.attributes.name !== 'csrf_token').map((n) => `${n.attributes.name}:${n.attributes.type}`);

async function createCodeUser(t, email) {
  const { data } = await t.identity.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email } } });
  return data;
}

describe('code: passwordless login and registration', () => {
  let t;
  let smtp;
  before(async () => {
    smtp = await startSmtpSink();
    t = await startTessera({ overlay: overlay(smtp.uri, { passwordless_enabled: true, config: { max_submissions: 3 } }) });
  });
  after(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  test('createNativeLoginFlow: identifier (schema title) and the "Send sign in code" button (FLOWS.md §10 step 1)', async () => {
    const { data: flow } = await t.frontend.createNativeLoginFlow();
    assert.equal(flow.state, 'choose_method');
    assert.deepEqual(node(flow, 'identifier').meta.label,
      { id: 1070002, text: 'Your E-Mail', type: 'info', context: { title: 'Your E-Mail', name: 'traits.email' } });
    const button = flow.ui.nodes.find((n) => n.group === 'code' && n.attributes.name === 'method');
    assert.equal(button.attributes.type, 'submit');
    assert.deepEqual(button.meta.label, { id: 1010015, text: 'Send sign in code', type: 'info' });
  });

  test('updateLoginFlow: 400 sent_email, the code from the courier, then a session with the address verified (steps 2–3)', async () => {
    const email = uniqueEmail('code');
    const created = await createCodeUser(t, email);
    const { data: flow } = await t.frontend.createNativeLoginFlow();

    const sent = (await sdkError(t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email } }), 400)).data;
    assert.equal(sent.state, 'sent_email');
    assert.equal(sent.active, 'code');
    assert.deepEqual(messageIds(sent.ui.messages), [1010014]);
    assert.deepEqual(shape(sent), ['identifier:hidden', 'method:hidden', 'code:text', 'method:submit', 'resend:submit']);
    assert.equal(node(sent, 'identifier').attributes.value, email);
    assert.deepEqual(node(sent, 'code').meta.label, { id: 1070013, text: 'Login code', type: 'info' });
    assert.deepEqual(node(sent, 'resend').meta.label, { id: 1070008, text: 'Resend code', type: 'info' });

    const message = await latestMessage(t, email);
    assert.equal(message.template_type, 'login_code_valid');
    const code = codeOf(message);
    assert.equal(message.subject, `Use code ${code} to log in`);

    const { status, data } = await t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email, code } });
    assert.equal(status, 200);
    assert.match(data.session_token, /^ory_st_/);
    assert.equal(data.session.identity.id, created.id);
    assert.equal(data.session.authenticator_assurance_level, 'aal1');
    assert.deepEqual(data.session.authentication_methods.map((m) => `${m.method}:${m.aal}`), ['code:aal1']);
    assert.equal(data.session.identity.verifiable_addresses[0].verified, true);
    assert.equal(data.session.identity.verifiable_addresses[0].status, 'completed');

    // The same code never works twice.
    const again = (await sdkError(t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email, code } }), 400)).data;
    assert.deepEqual(messageIds(again.ui.messages), [4010002]);
  });

  test('updateLoginFlow: unknown identifier 4000035 without mail; wrong code 4010008; resend voids the old code', async () => {
    const unknown = uniqueEmail('nobody');
    const { data: first } = await t.frontend.createNativeLoginFlow();
    const refused = (await sdkError(t.frontend.updateLoginFlow({ flow: first.id, updateLoginFlowBody: { method: 'code', identifier: unknown } }), 400)).data;
    assert.deepEqual(messageIds(refused.ui.messages), [4000035]);
    assert.equal((await t.courier.listCourierMessages({ recipient: unknown })).data.length, 0);

    const email = uniqueEmail('code');
    await createCodeUser(t, email);
    const { data: flow } = await t.frontend.createNativeLoginFlow();
    await sdkError(t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email } }), 400);
    const oldCode = codeOf(await latestMessage(t, email));
    const wrong = (await sdkError(t.frontend.updateLoginFlow({
      flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email, code: oldCode === '000000' ? '111111' : '000000' },
    }), 400)).data;
    assert.deepEqual(messageIds(wrong.ui.messages), [4010008]);
    assert.equal(node(wrong, 'identifier').attributes.type, 'hidden');

    const resent = (await sdkError(t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email, resend: 'code' } }), 400)).data;
    assert.equal(resent.state, 'sent_email');
    const { data: messages } = await t.courier.listCourierMessages({ recipient: email });
    assert.equal(messages.length, 2);
    const newCode = codeOf(messages[0]);
    if (newCode !== oldCode) {
      const old = (await sdkError(t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email, code: oldCode } }), 400)).data;
      assert.deepEqual(messageIds(old.ui.messages), [4010008]);
    }
    const { status } = await t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email, code: newCode } });
    assert.equal(status, 200);
  });

  test('updateLoginFlow: a code named with another identifier is refused (4010008) and still logs its own identity in', async () => {
    const email = uniqueEmail('code-own');
    const other = uniqueEmail('code-other');
    await createCodeUser(t, email);
    await createCodeUser(t, other);
    const { data: flow } = await t.frontend.createNativeLoginFlow();
    await sdkError(t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email } }), 400);
    const code = codeOf(await latestMessage(t, email));

    const refused = (await sdkError(t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: other, code } }), 400)).data;
    assert.deepEqual(messageIds(refused.ui.messages), [4010008]);
    const { data: done } = await t.frontend.updateLoginFlow({ flow: flow.id, updateLoginFlowBody: { method: 'code', identifier: email, code } });
    assert.equal(done.session.identity.traits.email, email);
  });

  test('updateRegistrationFlow: 400 sent_email with hidden traits, then the identity with its address verified', async () => {
    const email = uniqueEmail('signup');
    const { data: flow } = await t.frontend.createNativeRegistrationFlow();

    const sent = (await sdkError(t.frontend.updateRegistrationFlow({
      flow: flow.id, updateRegistrationFlowBody: { method: 'code', traits: { email } },
    }), 400)).data;
    assert.equal(sent.state, 'sent_email');
    assert.deepEqual(messageIds(sent.ui.messages), [1040005]);
    assert.equal(node(sent, 'traits.email').attributes.type, 'hidden');
    assert.deepEqual(node(sent, 'code').meta.label, { id: 1070012, text: 'Registration code', type: 'info' });
    const message = await latestMessage(t, email);
    assert.equal(message.template_type, 'registration_code_valid');
    const code = codeOf(message);

    const changed = (await sdkError(t.frontend.updateRegistrationFlow({
      flow: flow.id, updateRegistrationFlowBody: { method: 'code', traits: { email: uniqueEmail('other') }, code },
    }), 400)).data;
    assert.deepEqual(messageIds(changed.ui.messages), [4000036]);
    const wrong = (await sdkError(t.frontend.updateRegistrationFlow({
      flow: flow.id, updateRegistrationFlowBody: { method: 'code', traits: { email }, code: code === '000000' ? '111111' : '000000' },
    }), 400)).data;
    assert.deepEqual(messageIds(wrong.ui.messages), [4040003]);

    const { status, data } = await t.frontend.updateRegistrationFlow({ flow: flow.id, updateRegistrationFlowBody: { method: 'code', traits: { email }, code } });
    assert.equal(status, 200);
    assert.equal(data.identity.traits.email, email);
    assert.equal(data.identity.verifiable_addresses[0].verified, true);
    assert.deepEqual(data.session.authentication_methods.map((m) => m.method), ['code']);
  });
});

describe('code: second factor', () => {
  let t;
  let smtp;
  before(async () => {
    smtp = await startSmtpSink();
    const config = overlay(smtp.uri, { mfa_enabled: true });
    config.selfservice.methods.lookup_secret = { enabled: true };
    t = await startTessera({ overlay: config });
  });
  after(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  const stepsUp = (data) => {
    assert.equal(data.session.authenticator_assurance_level, 'aal2');
    assert.deepEqual(data.session.authentication_methods.map((m) => `${m.method}:${m.aal}`), ['password:aal1', 'code:aal2']);
  };

  test('an address that is the only second factor gets its code as the aal2 flow is created', async () => {
    const email = uniqueEmail('mfa-fast');
    await createUser(t, email);
    const token = (await loginNative(t, email)).session_token;
    const { status: created, data: flow } = await t.frontend.createNativeLoginFlow({ aal: 'aal2', xSessionToken: token });
    assert.equal(created, 200);
    assert.equal(flow.state, 'sent_email');
    assert.deepEqual(messageIds(flow.ui.messages), [1010025]);
    assert.equal(node(flow, 'identifier').attributes.value, email);
    const code = codeOf(await latestMessage(t, email));

    const { status, data } = await t.frontend.updateLoginFlow({
      flow: flow.id, xSessionToken: token, updateLoginFlowBody: { method: 'code', identifier: email, code },
    });
    assert.equal(status, 200);
    stepsUp(data);
  });

  test('with backup codes too, the aal2 flow offers the session\'s address; the code sent there steps the session up', async () => {
    const email = uniqueEmail('mfa');
    await t.identity.createIdentity({
      createIdentityBody: {
        schema_id: 'default', traits: { email },
        credentials: { password: { config: { password: PASSWORD } }, lookup_secret: { config: { codes: [{ code: 'abcd1234' }] } } },
      },
    });
    const token = (await loginNative(t, email)).session_token;
    const { data: flow } = await t.frontend.createNativeLoginFlow({ aal: 'aal2', xSessionToken: token });
    assert.equal(flow.state, 'choose_method');
    const button = flow.ui.nodes.find((n) => n.attributes.name === 'address');
    assert.equal(button.attributes.value, email);
    assert.deepEqual(button.meta.label, { id: 1010023, text: `Send code to ${email}`, type: 'info', context: { address: email, channel: 'email' } });

    const sent = (await sdkError(t.frontend.updateLoginFlow({
      flow: flow.id, xSessionToken: token, updateLoginFlowBody: { method: 'code', address: email },
    }), 400)).data;
    assert.equal(sent.state, 'sent_email');
    assert.deepEqual(messageIds(sent.ui.messages), [1010025]);
    const code = codeOf(await latestMessage(t, email));

    const { status, data } = await t.frontend.updateLoginFlow({
      flow: flow.id, xSessionToken: token, updateLoginFlowBody: { method: 'code', address: email, code },
    });
    assert.equal(status, 200);
    stepsUp(data);
  });
});
