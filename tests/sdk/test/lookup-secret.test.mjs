// Backup recovery codes with the official SDK (FLOWS.md §7.6; API.md §6.5): a first-factor login, codes made and confirmed in
// a native settings flow (the session becomes aal2), an aal1 login stepped up with a code, the same code refused the
// second time and shown as used on reveal, confirm without regenerate, and disable.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTessera } from '../server.mjs';
import { assertErrorEnvelope, createUser, loginNative, messageIds, node, sdkError, submitNode, uniqueEmail } from '../helpers.mjs';

function byId(flow, id) {
  return flow.ui.nodes.find((n) => n.attributes?.id === id);
}

/** The entries of the lookup_secret_codes text node (1050009 with a code, 1050014 for a used one). */
function secrets(flow) {
  return byId(flow, 'lookup_secret_codes').attributes.text.context.secrets;
}

describe('lookup_secret', () => {
  let t;
  before(async () => {
    t = await startTessera({ overlay: { selfservice: { methods: { lookup_secret: { enabled: true } } } } });
  });
  after(async () => { await t?.stop(); });

  function settings(flow, token, body) {
    return t.frontend.updateSettingsFlow({ flow: flow.id, xSessionToken: token, updateSettingsFlowBody: { method: 'lookup_secret', ...body } });
  }

  test('regenerate shows twelve codes (not a success), confirm saves them and makes the session aal2 (FLOWS.md §7.6)', async () => {
    const email = uniqueEmail('lookup');
    const { id } = await createUser(t, email);
    const { session_token: token } = await loginNative(t, email);
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    const start = node(flow, 'lookup_secret_regenerate');
    assert.equal(start.group, 'lookup_secret');
    assert.equal(start.attributes.type, 'submit');
    assert.equal(start.attributes.value, 'true');
    assert.equal(start.meta.label.id, 1050008);

    const premature = await sdkError(settings(flow, token, { lookup_secret_confirm: true }), 400);
    assert.deepEqual(messageIds(premature.data.ui.messages), [4000001]);
    assert.equal(premature.data.ui.messages[0].text, 'You must (re-)generate recovery backup codes before you can save them.');

    const shown = await settings(flow, token, { lookup_secret_regenerate: true });
    assert.equal(shown.status, 200);
    assert.equal(shown.data.state, 'show_form');
    const list = byId(shown.data, 'lookup_secret_codes');
    assert.equal(list.type, 'text');
    assert.equal(list.meta.label.id, 1050010);
    assert.equal(list.attributes.text.id, 1050015);
    const codes = secrets(shown.data).map((s) => {
      assert.equal(s.id, 1050009);
      assert.deepEqual(s.context, { secret: s.text });
      return s.text;
    });
    assert.equal(codes.length, 12);
    for (const code of codes) assert.match(code, /^[a-z0-9]{8}$/);
    assert.equal(list.attributes.text.text, codes.join(', '));
    assert.equal(node(shown.data, 'lookup_secret_confirm').meta.label.id, 1050011);

    const { data: done } = await settings(flow, token, { lookup_secret_confirm: true });
    assert.equal(done.state, 'success');
    assert.deepEqual(messageIds(done.ui.messages), [1050001]);
    assert.equal(node(done, 'lookup_secret_reveal').meta.label.id, 1050007);
    assert.equal(node(done, 'lookup_secret_disable').meta.label.id, 1050016);

    const { data: session } = await t.frontend.toSession({ xSessionToken: token });
    assert.equal(session.authenticator_assurance_level, 'aal2');
    assert.ok(session.authentication_methods.some((m) => m.method === 'lookup_secret' && m.aal === 'aal2'));

    const { data: identity } = await t.identity.getIdentity({ id, includeCredential: ['lookup_secret'] });
    assert.deepEqual(identity.credentials.lookup_secret.identifiers, [id]);
    // Asked with include_credential, the admin API shows the codes as Kratos does (they are sealed at rest).
    assert.deepEqual(identity.credentials.lookup_secret.config.recovery_codes.map((c) => c.code), codes);
  });

  test('aal1 login, step-up with a code; the same code is refused the second time and shows as used (FLOWS.md §4.1)', async () => {
    const email = uniqueEmail('lookup');
    await createUser(t, email);
    const enrol = (await loginNative(t, email)).session_token;
    const { data: flow } = await t.frontend.createNativeSettingsFlow({ xSessionToken: enrol });
    const codes = secrets((await settings(flow, enrol, { lookup_secret_regenerate: true })).data).map((s) => s.text);
    await settings(flow, enrol, { lookup_secret_confirm: true });

    const login = await loginNative(t, email);
    assert.equal(login.session.authenticator_assurance_level, 'aal1');
    const token = login.session_token;
    const denied = await sdkError(t.frontend.toSession({ xSessionToken: token }), 403);
    assertErrorEnvelope(denied.data, 403, 'session_aal2_required');

    const { data: aal2 } = await t.frontend.createNativeLoginFlow({ aal: 'aal2', xSessionToken: token });
    assert.equal(aal2.requested_aal, 'aal2');
    const field = node(aal2, 'lookup_secret');
    assert.equal(field.attributes.type, 'text');
    assert.equal(field.attributes.required, true);
    assert.equal(field.meta.label.id, 1010007);
    assert.equal(submitNode(aal2, 'lookup_secret').meta.label.id, 1010010);

    const unknown = await sdkError(t.frontend.updateLoginFlow({
      flow: aal2.id, xSessionToken: token, updateLoginFlowBody: { method: 'lookup_secret', lookup_secret: 'zzzzzzzz' },
    }), 400);
    assert.deepEqual(messageIds(unknown.data.ui.messages), [4000016]);

    const { data: stepped } = await t.frontend.updateLoginFlow({
      flow: aal2.id, xSessionToken: token, updateLoginFlowBody: { method: 'lookup_secret', lookup_secret: codes[0] },
    });
    assert.equal(stepped.session_token, token);
    assert.equal(stepped.session.authenticator_assurance_level, 'aal2');
    assert.equal(stepped.session.identity.traits.email, email);
    assert.equal((await t.frontend.toSession({ xSessionToken: token })).status, 200);

    const other = (await loginNative(t, email)).session_token;
    const { data: again } = await t.frontend.createNativeLoginFlow({ aal: 'aal2', xSessionToken: other });
    const replay = await sdkError(t.frontend.updateLoginFlow({
      flow: again.id, xSessionToken: other, updateLoginFlowBody: { method: 'lookup_secret', lookup_secret: codes[0] },
    }), 400);
    assert.deepEqual(messageIds(replay.data.ui.messages), [4000012]);

    const { data: next } = await t.frontend.createNativeSettingsFlow({ xSessionToken: token });
    const revealed = await settings(next, token, { lookup_secret_reveal: true });
    assert.equal(revealed.status, 200);
    assert.equal(revealed.data.state, 'show_form');
    const entries = secrets(revealed.data);
    assert.equal(entries[0].id, 1050014);
    assert.match(entries[0].text, /^Secret was used at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000 UTC$/);
    assert.equal(typeof entries[0].context.used_at_unix, 'number');
    assert.deepEqual(entries.slice(1).map((e) => e.text), codes.slice(1));

    const { data: off } = await settings(next, token, { lookup_secret_disable: true });
    assert.equal(off.state, 'success');
    assert.ok(node(off, 'lookup_secret_regenerate'));
    // Without codes a first-factor login is complete again.
    assert.equal((await t.frontend.toSession({ xSessionToken: (await loginNative(t, email)).session_token })).status, 200);
  });

  test('an aal2 flow for an identity without codes has no code field and answers 4000014', async () => {
    const email = uniqueEmail('lookup');
    await createUser(t, email);
    const token = (await loginNative(t, email)).session_token;
    const { data: flow } = await t.frontend.createNativeLoginFlow({ aal: 'aal2', xSessionToken: token });
    assert.equal(node(flow, 'lookup_secret'), undefined);
    const none = await sdkError(t.frontend.updateLoginFlow({
      flow: flow.id, xSessionToken: token, updateLoginFlowBody: { method: 'lookup_secret', lookup_secret: 'abcd1234' },
    }), 400);
    assert.deepEqual(messageIds(none.data.ui.messages), [4000014]);
  });
});
