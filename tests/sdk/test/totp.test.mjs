// TOTP as a second factor with the official SDK (FLOWS.md §4 and §7.5; API.md §6.4, §7.7, §10.4): enrolment in a native
// settings flow, the aal1 login that whoami refuses, the aal2 step-up, replay refusal, unlink and admin deletion.
// Codes are computed here from the secret in the totp_secret_key node, as an authenticator app does (RFC 6238).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTessera } from '../server.mjs';
import { assertErrorEnvelope, createUser, loginNative, messageIds, node, sdkError, submitNode, uniqueEmail } from '../helpers.mjs';

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 6-digit TOTP (SHA1, 30 s) for `secret` at `offsetSteps` steps from now. */
function totp(secret, offsetSteps = 0) {
  const counter = Math.floor(Date.now() / 1000 / 30) + offsetSteps;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac('sha1', base32Decode(secret)).update(message).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

function secretOf(flow) {
  return flow.ui.nodes.find((n) => n.attributes?.id === 'totp_secret_key').attributes.text.text;
}

describe('totp', () => {
  let t;
  before(async () => {
    t = await startTessera({
      overlay: {
        ciphers: { algorithm: 'xchacha20-poly1305' },
        selfservice: { methods: { totp: { enabled: true, config: { issuer: 'Tessera SDK' } } } },
      },
    });
  });
  after(async () => { await t?.stop(); });

  /** A new identity with a password and TOTP set up through settings; { email, id, secret, token } (token: aal2 session). */
  async function userWithTotp() {
    const email = uniqueEmail('totp');
    const { id } = await createUser(t, email);
    const { session_token: token } = await loginNative(t, email);
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    const secret = secretOf(flow);
    const res = await t.frontend.updateSettingsFlow({
      flow: flow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'totp', totp_code: totp(secret) },
    });
    assert.equal(res.status, 200);
    return { email, id, secret, token };
  }

  test('settings offers the QR code, the secret and a code field; enrolment makes the session aal2 (FLOWS.md §7.5)', async () => {
    const email = uniqueEmail('totp');
    const { id } = await createUser(t, email);
    const { session_token: token } = await loginNative(t, email);
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });

    const qr = flow.ui.nodes.find((n) => n.attributes?.id === 'totp_qr');
    assert.equal(qr.type, 'img');
    assert.equal(qr.group, 'totp');
    assert.match(qr.attributes.src, /^data:image\/png;base64,/);
    assert.equal(qr.attributes.width, 256);
    assert.equal(qr.attributes.height, 256);
    assert.equal(qr.meta.label.id, 1050005);
    const secretNode = flow.ui.nodes.find((n) => n.attributes?.id === 'totp_secret_key');
    assert.equal(secretNode.attributes.text.id, 1050006);
    assert.match(secretNode.attributes.text.text, /^[A-Z2-7]{32}$/);
    assert.deepEqual(secretNode.attributes.text.context, { secret: secretNode.attributes.text.text });
    assert.equal(secretNode.meta.label.id, 1050017);
    assert.equal(node(flow, 'totp_code').meta.label.id, 1070006);
    assert.equal(node(flow, 'totp_code').attributes.required, true);
    assert.equal(submitNode(flow, 'totp').meta.label.id, 1070003);

    const missing = await sdkError(t.frontend.updateSettingsFlow({
      flow: flow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'totp' },
    }), 400);
    assert.deepEqual(messageIds(node(missing.data, 'totp_code').messages), [4000002]);

    const secret = secretOf(flow);
    const wrong = totp(secret) === '000000' ? '111111' : '000000';
    const refused = await sdkError(t.frontend.updateSettingsFlow({
      flow: flow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'totp', totp_code: wrong },
    }), 400);
    assert.deepEqual(messageIds(node(refused.data, 'totp_code').messages), [4000008]);

    const { data: done } = await t.frontend.updateSettingsFlow({
      flow: flow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'totp', totp_code: totp(secret) },
    });
    assert.equal(done.state, 'success');
    assert.deepEqual(messageIds(done.ui.messages), [1050001]);
    assert.equal(node(done, 'totp_unlink').meta.label.id, 1050004);

    const { data: session } = await t.frontend.toSession({ xSessionToken: token });
    assert.equal(session.authenticator_assurance_level, 'aal2');
    assert.ok(session.authentication_methods.some((m) => m.method === 'totp' && m.aal === 'aal2'));

    const { data: identity } = await t.identity.getIdentity({ id, includeCredential: ['totp'] });
    assert.deepEqual(identity.credentials.totp.identifiers, [id]);
    assert.match(identity.credentials.totp.config.totp_url, /^otpauth:\/\/totp\/Tessera%20SDK:/);
    // Asked with include_credential, the admin API shows the URL with its secret as Kratos does (encrypted at rest).
    assert.equal(new URL(identity.credentials.totp.config.totp_url).searchParams.get('secret'), secret);
    const { data: plain } = await t.identity.getIdentity({ id });
    assert.ok(!JSON.stringify(plain).includes(secret), 'without include_credential no config is shown');
  });

  test('aal1 login: token without identity, whoami 403 session_aal2_required, then a TOTP step-up (FLOWS.md §4.1)', async () => {
    const { email, secret } = await userWithTotp();
    const login = await loginNative(t, email);
    assert.equal(login.session.authenticator_assurance_level, 'aal1');
    assert.equal(login.session.identity, null);
    const token = login.session_token;

    const denied = await sdkError(t.frontend.toSession({ xSessionToken: token }), 403);
    assertErrorEnvelope(denied.data, 403, 'session_aal2_required');
    assert.equal(denied.data.redirect_browser_to, `${t.publicUrl}self-service/login/browser?aal=aal2`);

    const { data: flow } = await t.frontend.createNativeLoginFlow({ aal: 'aal2', xSessionToken: token });
    assert.equal(flow.requested_aal, 'aal2');
    assert.deepEqual(messageIds(flow.ui.messages), [1010004]);
    assert.equal(node(flow, 'totp_code').meta.label.id, 1010006);
    assert.equal(submitNode(flow, 'totp').meta.label.id, 1010009);

    // The enrolment used this time step, so the next step's code (within the accepted drift) is the one to use now.
    const code = totp(secret, 1);
    const { data: stepped } = await t.frontend.updateLoginFlow({
      flow: flow.id, xSessionToken: token, updateLoginFlowBody: { method: 'totp', totp_code: code },
    });
    assert.equal(stepped.session_token, token);
    assert.equal(stepped.session.id, login.session.id);
    assert.equal(stepped.session.authenticator_assurance_level, 'aal2');
    assert.equal(stepped.session.identity.traits.email, email);
    assert.equal((await t.frontend.toSession({ xSessionToken: token })).status, 200);

    // The same code a second time, from another session, is refused.
    const other = (await loginNative(t, email)).session_token;
    const { data: again } = await t.frontend.createNativeLoginFlow({ aal: 'aal2', xSessionToken: other });
    const replay = await sdkError(t.frontend.updateLoginFlow({
      flow: again.id, xSessionToken: other, updateLoginFlowBody: { method: 'totp', totp_code: code },
    }), 400);
    assert.deepEqual(messageIds(replay.data.ui.messages), [4000008]);
  });

  test('createNativeLoginFlow aal=aal2 without a session: 401 session_aal1_required', async () => {
    const res = await sdkError(t.frontend.createNativeLoginFlow({ aal: 'aal2' }), 401);
    assertErrorEnvelope(res.data, 401, 'session_aal1_required');
  });

  test('unlink removes TOTP; deleting it through the admin API lets an aal1 session pass whoami (API.md §7.7)', async () => {
    const { id, token } = await userWithTotp();
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    const { data: done } = await t.frontend.updateSettingsFlow({
      flow: flow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'totp', totp_unlink: true },
    });
    assert.equal(done.state, 'success');
    assert.equal((await t.identity.getIdentity({ id })).data.credentials.totp, undefined);

    const second = await userWithTotp();
    const aal1 = (await loginNative(t, second.email)).session_token;
    await sdkError(t.frontend.toSession({ xSessionToken: aal1 }), 403);
    const deleted = await t.identity.deleteIdentityCredentials({ id: second.id, type: 'totp' });
    assert.equal(deleted.status, 204);
    assert.equal((await t.frontend.toSession({ xSessionToken: aal1 })).status, 200);
    const gone = await sdkError(t.identity.deleteIdentityCredentials({ id: second.id, type: 'totp' }), 404);
    assertErrorEnvelope(gone.data, 404);
  });
});
