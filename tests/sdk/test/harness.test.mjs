// The harness itself: Tessera starts from the committed fixtures and answers through the SDK.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { startTessera } from '../server.mjs';

describe('harness', () => {
  let t;
  before(async () => { t = await startTessera(); });
  after(async () => { await t?.stop(); });

  test('health/ready and health/alive answer on both listeners', async () => {
    for (const base of [t.publicUrl, t.adminUrl]) {
      for (const path of ['health/alive', 'health/ready']) {
        const res = await fetch(base + path);
        assert.equal(res.status, 200, base + path);
        assert.deepEqual(await res.json(), { status: 'ok' });
      }
    }
  });

  test('listIdentitySchemas and getIdentitySchema return the configured schema', async () => {
    const { data: list } = await t.publicIdentity.listIdentitySchemas();
    assert.equal(list.length, 1);
    assert.equal(list[0].id, 'default');
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/identity.email-password.schema.json', import.meta.url), 'utf8'));
    assert.deepEqual(list[0].schema, fixture);
    const { data: one } = await t.publicIdentity.getIdentitySchema({ id: 'default' });
    assert.deepEqual(one, fixture);
  });

  test('the admin listener answers the IdentityApi', async () => {
    const res = await t.identity.listIdentities({ pageSize: 1 });
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.data));
  });
});
