// The admin identity API through IdentityApi (FLOWS.md §12; API.md §7).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTessera } from '../server.mjs';
import { assertErrorEnvelope, sdkError, uniqueEmail } from '../helpers.mjs';

const GRACE_HASH = '$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq';

/** The page_token of the Link header's rel="next", or null. */
function nextToken(linkHeader) {
  for (const part of (linkHeader ?? '').split(',')) {
    const m = part.match(/<([^>]+)>\s*;\s*rel="next"/);
    if (m) return new URL(m[1], 'http://x').searchParams.get('page_token');
  }
  return null;
}

describe('admin identity API', () => {
  let t;
  before(async () => { t = await startTessera(); });
  after(async () => { await t?.stop(); });

  test('createIdentity with a bcrypt hash: 201, credentials without config; getIdentity include_credential shows the hash', async () => {
    const email = uniqueEmail('grace');
    const res = await t.identity.createIdentity({
      createIdentityBody: {
        schema_id: 'default',
        traits: { email },
        credentials: { password: { config: { hashed_password: GRACE_HASH } } },
        verifiable_addresses: [{ value: email, via: 'email', verified: true, status: 'completed' }],
      },
    });
    assert.equal(res.status, 201);
    const id = res.data.id;
    assert.equal(res.data.schema_id, 'default');
    assert.equal(res.data.schema_url, `${t.publicUrl}schemas/ZGVmYXVsdA`);
    assert.equal(res.data.state, 'active');
    assert.deepEqual(res.data.traits, { email });
    const pw = res.data.credentials.password;
    assert.equal(pw.type, 'password');
    assert.deepEqual(pw.identifiers, [email]);
    assert.equal(pw.config, undefined, 'the hash is never echoed on create');
    assert.equal(res.data.verifiable_addresses[0].verified, true);
    assert.equal(res.data.verifiable_addresses[0].status, 'completed');
    assert.equal(res.data.recovery_addresses[0].value, email);

    const plain = await t.identity.getIdentity({ id });
    assert.equal(plain.data.credentials?.password?.config, undefined);
    const full = await t.identity.getIdentity({ id, includeCredential: ['password'] });
    assert.equal(full.status, 200);
    assert.equal(full.data.credentials.password.config.hashed_password, GRACE_HASH);
  });

  test('createIdentity: Location is <admin base URL>identities/<id> (FLOWS.md §12)', async () => {
    const res = await t.identity.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: uniqueEmail('loc') } } });
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, `${t.adminUrl}identities/${res.data.id}`);
  });

  test('createIdentity conflicts: 409', async () => {
    const email = uniqueEmail('twice');
    await t.identity.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email } } });
    const res = await sdkError(t.identity.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email } } }), 409);
    const error = assertErrorEnvelope(res.data, 409);
    assert.equal(error.status, 'Conflict');
    assert.equal(error.reason, 'This identity conflicts with another identity that already exists.');
  });

  test('createIdentity with a hash of no known format: 400', async () => {
    const res = await sdkError(t.identity.createIdentity({
      createIdentityBody: { schema_id: 'default', traits: { email: uniqueEmail('nohash') }, credentials: { password: { config: { hashed_password: 'not-a-hash' } } } },
    }), 400);
    assert.equal(assertErrorEnvelope(res.data, 400).reason, 'The imported password does not match any known hash format.');
  });

  /** Follows Link rel="next" from page to page; returns the pages (arrays of ids). */
  async function walk(params) {
    const pages = [];
    let pageToken;
    for (let n = 0; n < 10_000; n++) {
      const res = await t.identity.listIdentities({ ...params, pageToken });
      assert.equal(res.status, 200);
      assert.ok(res.data.length <= params.pageSize, 'page_size respected');
      pages.push(res.data.map((i) => i.id));
      pageToken = nextToken(res.headers.link);
      if (!pageToken) break;
    }
    return pages;
  }

  test('listIdentities: keyset pagination (page_size + page_token from Link rel="next") visits every identity once', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) {
      const { data } = await t.identity.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: uniqueEmail('page') } } });
      created.push(data.id);
    }
    const filtered = await walk({ pageSize: 2, ids: created });
    assert.ok(filtered.length >= 3, `5 identities in pages of 2: ${JSON.stringify(filtered)}`);
    assert.deepEqual(filtered.flat().sort(), [...created].sort(), 'ids filter: each created identity exactly once');

    const all = (await walk({ pageSize: 3 })).flat();
    assert.equal(new Set(all).size, all.length, 'no identity twice');
    for (const id of created) assert.ok(all.includes(id), `${id} listed`);
  });

  test('listIdentities: legacy per_page/page and the credentials_identifier filter', async () => {
    const email = uniqueEmail('Filter');
    const { data: one } = await t.identity.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email }, credentials: { password: { config: { password: 'a long enough password 1' } } } } });
    const first = await t.identity.listIdentities({ perPage: 1, page: 0 });
    assert.equal(first.status, 200);
    assert.equal(first.data.length, 1);
    const found = await t.identity.listIdentities({ credentialsIdentifier: email.toUpperCase() });
    assert.deepEqual(found.data.map((i) => i.id), [one.id]);
    const none = await t.identity.listIdentities({ credentialsIdentifier: uniqueEmail('nobody') });
    assert.deepEqual(none.data, []);
  });

  test('getIdentity of an unknown id: 404; deleteIdentity then 404', async () => {
    assertErrorEnvelope((await sdkError(t.identity.getIdentity({ id: randomUUID() }), 404)).data, 404);
    const { data } = await t.identity.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: uniqueEmail('del') } } });
    const del = await t.identity.deleteIdentity({ id: data.id });
    assert.equal(del.status, 204);
    await sdkError(t.identity.getIdentity({ id: data.id }), 404);
  });
});
