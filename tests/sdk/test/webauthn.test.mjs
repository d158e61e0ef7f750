// WebAuthn security keys and passkeys through the official SDK (API.md §6.6, §6.7), with a software authenticator
// (P-256 / ES256 from node:crypto, a hand-written CBOR encoder) answering the options the nodes carry.
import assert from 'node:assert/strict';
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startTessera } from '../server.mjs';
import { CookieJar, PASSWORD, createUser, node, uniqueEmail } from '../helpers.mjs';

const ORIGIN = 'http://localhost:4455';
const schemaUrl = 'file://' + fileURLToPath(new URL('../fixtures/identity.email-webauthn.schema.json', import.meta.url));

function overlay(methods) {
  return {
    identity: { default_schema_id: 'default', schemas: [{ id: 'default', url: schemaUrl }] },
    selfservice: {
      methods,
      flows: { registration: { enable_legacy_one_step: true, after: { passkey: { hooks: [{ hook: 'session' }] } } } },
    },
  };
}

const rp = { id: 'localhost', display_name: 'Tessera SDK', origins: [ORIGIN] };

// --- a minimal CBOR encoder: unsigned/negative ints, byte and text strings, maps (RFC 8949 §3) ---
function head(major, n) {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65536) { const b = Buffer.alloc(3); b[0] = (major << 5) | 25; b.writeUInt16BE(n, 1); return b; }
  const b = Buffer.alloc(5); b[0] = (major << 5) | 26; b.writeUInt32BE(n, 1); return b;
}
function cbor(value) {
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === 'string') { const s = Buffer.from(value, 'utf8'); return Buffer.concat([head(3, s.length), s]); }
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (value instanceof Map) {
    return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  }
  throw new Error('cbor: unsupported ' + typeof value);
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/** A software authenticator: one P-256 key, a credential id, a counter. */
class Authenticator {
  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.x = Buffer.from(jwk.x, 'base64url');
    this.y = Buffer.from(jwk.y, 'base64url');
    this.id = randomBytes(32);
    this.counter = 0;
  }

  authData(rpId, attested) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const parts = [createHash('sha256').update(rpId).digest(), Buffer.from([attested ? 0x41 : 0x01]), counter];
    if (attested) {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(this.id.length);
      const cose = cbor(new Map([[1, 2], [3, -7], [-1, 1], [-2, this.x], [-3, this.y]]));
      parts.push(Buffer.alloc(16), len, this.id, cose);
    }
    return Buffer.concat(parts);
  }

  sign(authData, clientData) {
    return createSign('SHA256').update(Buffer.concat([authData, createHash('sha256').update(clientData).digest()])).sign(this.privateKey);
  }

  /** navigator.credentials.create for options JSON `{publicKey: …}`. */
  create(optionsJson, origin = ORIGIN) {
    const { publicKey } = JSON.parse(optionsJson);
    this.userHandle = Buffer.from(publicKey.user.id, 'base64url');
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: publicKey.challenge, origin, crossOrigin: false }));
    const attestation = cbor(new Map([['fmt', 'none'], ['attStmt', new Map()], ['authData', this.authData(publicKey.rp.id, true)]]));
    return JSON.stringify({
      id: b64url(this.id), rawId: b64url(this.id), type: 'public-key',
      response: { clientDataJSON: b64url(clientData), attestationObject: b64url(attestation) },
    });
  }

  /** navigator.credentials.get for options JSON `{publicKey: …}`; the counter moves on first. */
  get(optionsJson, origin = ORIGIN) {
    const { publicKey } = JSON.parse(optionsJson);
    this.counter += 1;
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: publicKey.challenge, origin, crossOrigin: false }));
    const authData = this.authData(publicKey.rpId, false);
    return JSON.stringify({
      id: b64url(this.id), rawId: b64url(this.id), type: 'public-key',
      response: {
        clientDataJSON: b64url(clientData), authenticatorData: b64url(authData),
        signature: b64url(this.sign(authData, clientData)), userHandle: this.userHandle ? b64url(this.userHandle) : undefined,
      },
    });
  }
}

const csrf = (flow) => node(flow, 'csrf_token').attributes.value;

/** An SDK call that may answer with an error status: the axios response either way, cookies kept in `jar`. */
async function call(jar, promise) {
  try {
    return jar.absorb(await promise);
  } catch (err) {
    if (!err.response) throw err;
    return jar.absorb(err.response);
  }
}

describe('webauthn as a second factor', () => {
  let t;
  before(async () => { t = await startTessera({ overlay: overlay({ webauthn: { enabled: true, config: { passwordless: false, rp } } }) }); });
  after(async () => { await t?.stop(); });

  async function passwordJar(email) {
    const jar = new CookieJar();
    const init = await call(jar, t.frontend.createBrowserLoginFlow({ cookie: jar.header() }));
    await call(jar, t.frontend.updateLoginFlow({
      flow: init.data.id, cookie: jar.header(),
      updateLoginFlowBody: { method: 'password', identifier: email, password: PASSWORD, csrf_token: csrf(init.data) },
    }));
    assert.ok(jar.get('ory_kratos_session'), 'session cookie');
    return jar;
  }

  test('a key added in settings steps a later password login up to aal2', async () => {
    const email = uniqueEmail('webauthn');
    const user = await createUser(t, email);
    const key = new Authenticator();
    const jar = await passwordJar(email);
    const { data: flow } = await call(jar, t.frontend.createBrowserSettingsFlow({ cookie: jar.header() }));
    const trigger = node(flow, 'webauthn_register_trigger');
    assert.equal(trigger.attributes.onclickTrigger, 'oryWebAuthnRegistration');
    const added = await call(jar, t.frontend.updateSettingsFlow({
      flow: flow.id, cookie: jar.header(),
      updateSettingsFlowBody: {
        method: 'webauthn', csrf_token: csrf(flow),
        webauthn_register: key.create(trigger.attributes.value), webauthn_register_displayname: 'sdk key',
      },
    }));
    assert.equal(added.status, 200, JSON.stringify(added.data));
    assert.equal(added.data.state, 'success');

    const { data: identity } = await t.identity.getIdentity({ id: user.id, includeCredential: ['webauthn'] });
    assert.equal(identity.credentials.webauthn.config.credentials.length, 1);
    assert.equal(identity.credentials.webauthn.config.credentials[0].display_name, 'sdk key');

    const second = await passwordJar(email);
    const { data: aal2 } = await call(second, t.frontend.createBrowserLoginFlow({ aal: 'aal2', cookie: second.header() }));
    const done = await call(second, t.frontend.updateLoginFlow({
      flow: aal2.id, cookie: second.header(),
      updateLoginFlowBody: { method: 'webauthn', csrf_token: csrf(aal2), webauthn_login: key.get(node(aal2, 'webauthn_login_trigger').attributes.value) },
    }));
    assert.equal(done.status, 200, JSON.stringify(done.data));
    assert.equal(done.data.session.authenticator_assurance_level, 'aal2');
  });

  test('a login signed for another origin is refused with 4000043', async () => {
    const email = uniqueEmail('webauthn');
    await createUser(t, email);
    const key = new Authenticator();
    const jar = await passwordJar(email);
    const { data: flow } = await call(jar, t.frontend.createBrowserSettingsFlow({ cookie: jar.header() }));
    await call(jar, t.frontend.updateSettingsFlow({
      flow: flow.id, cookie: jar.header(),
      updateSettingsFlowBody: { method: 'webauthn', csrf_token: csrf(flow), webauthn_register: key.create(node(flow, 'webauthn_register_trigger').attributes.value) },
    }));
    const second = await passwordJar(email);
    const { data: aal2 } = await call(second, t.frontend.createBrowserLoginFlow({ aal: 'aal2', cookie: second.header() }));
    const refused = await call(second, t.frontend.updateLoginFlow({
      flow: aal2.id, cookie: second.header(),
      updateLoginFlowBody: {
        method: 'webauthn', csrf_token: csrf(aal2),
        webauthn_login: key.get(node(aal2, 'webauthn_login_trigger').attributes.value, 'https://evil.example'),
      },
    }));
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.data.ui.messages.map((m) => m.id), [4000043]);
  });

  test('webauthn.js is served with the integrity the script node names', async () => {
    const email = uniqueEmail('webauthn');
    await createUser(t, email);
    const jar = await passwordJar(email);
    const { data: flow } = await call(jar, t.frontend.createBrowserSettingsFlow({ cookie: jar.header() }));
    const script = flow.ui.nodes.find((n) => n.attributes.id === 'webauthn_script');
    const res = await fetch(script.attributes.src);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=UTF-8');
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(script.attributes.integrity, 'sha512-' + createHash('sha512').update(body).digest('base64'));
  });
});

describe('passkeys', () => {
  let t;
  before(async () => { t = await startTessera({ overlay: overlay({ passkey: { enabled: true, config: { rp } } }) }); });
  after(async () => { await t?.stop(); });

  test('sign up with a passkey in the browser, then a native login with it', async () => {
    const email = uniqueEmail('passkey');
    const key = new Authenticator();
    const jar = new CookieJar();
    const { data: flow } = await call(jar, t.frontend.createBrowserRegistrationFlow());
    const createData = JSON.parse(node(flow, 'passkey_create_data').attributes.value);
    assert.equal(createData.displayNameFieldName, 'traits.email');
    const signedUp = await call(jar, t.frontend.updateRegistrationFlow({
      flow: flow.id, cookie: jar.header(),
      updateRegistrationFlowBody: {
        method: 'passkey', csrf_token: csrf(flow), traits: { email },
        passkey_register: key.create(JSON.stringify(createData.credentialOptions)),
      },
    }));
    assert.equal(signedUp.status, 200, JSON.stringify(signedUp.data));

    const { data: login } = await t.frontend.createNativeLoginFlow();
    assert.equal(node(login, 'identifier').attributes.autocomplete, 'username webauthn');
    const { data } = await t.frontend.updateLoginFlow({
      flow: login.id,
      updateLoginFlowBody: { method: 'passkey', passkey_login: key.get(node(login, 'passkey_challenge').attributes.value) },
    });
    assert.ok(data.session_token);
    assert.equal(data.session.identity.traits.email, email);
    assert.deepEqual(data.session.authentication_methods.map((m) => m.method), ['passkey']);
  });
});
