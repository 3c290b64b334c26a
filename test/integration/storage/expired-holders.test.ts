// Through the real app: a setup lock or a revision claim left behind by a run Forge cut off
// frees itself when its own expiry passes, even while KVS still returns the expired key
// (Forge deletes expired keys up to 48 hours late). And however KVS answers a refused
// FAIL_IF_EXISTS write, a claim someone holds is a CONFLICT the person can act on.
import type { Envelope } from '../../../src/contract/envelope';
import { KVS_KEYS } from '../../../src/storage/keys';
import { ADMIN, FST_LEAD, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

let p: LcooSite;
beforeAll(async () => {
  p = await startLcooSite();
});
afterAll(() => p?.stop());
afterEach(() => p.sb.host.raw.kvs.configure({}));

const MINUTE = 60_000;

/** Leaves `key` as a holder that claimed it `agoMs` ago for `ttlMs` would have (the claim's stored shape). */
function leaveHolder(key: string, holder: unknown, agoMs: number, ttlMs: number): void {
  const kvs = p.sb.host.raw.kvs;
  const claimedAt = Date.now() - agoMs;
  // KVS's own clock is moved past the TTL too, and told to keep returning the expired key.
  const write = kvs.handle('/api/v1/set', {
    key,
    value: {
      holder,
      token: `token-${key}`,
      claimedAt: new Date(claimedAt).toISOString(),
      expiresAt: new Date(claimedAt + ttlMs).toISOString(),
    },
    options: { ttl: { value: Math.ceil(ttlMs / 1000), unit: 'SECONDS' } },
  });
  if (write.status >= 300) throw new Error(JSON.stringify(write));
  kvs.configure({ expiredKeys: 'readable', now: () => Date.now() + agoMs });
}

const setupRun = async () =>
  (await p.sb.host.invoke('lcoo-admin', 'setup/run', { projectKey: 'LCOO' }, { asEmail: ADMIN })) as Envelope<unknown>;

test('a setup run cut off two minutes ago does not block setup: its lock expired after one minute', async () => {
  leaveHolder(KVS_KEYS.setupLock, { accountId: p.sb.host.accountIdOf(FST_LEAD) }, 2 * MINUTE, MINUTE);
  expect(p.sb.host.raw.kvs.handle('/api/v1/get', { key: KVS_KEYS.setupLock }).status).toBe(200);
  expect(await setupRun()).toMatchObject({ ok: true });
});

test('a setup run that started seconds ago still holds the lock, whatever code KVS refuses with', async () => {
  for (const failIfExists of [
    { status: 409, code: 'KEY_CONFLICT' },
    { status: 409, code: 'SOMETHING_NEW' },
  ]) {
    leaveHolder(KVS_KEYS.setupLock, { accountId: p.sb.host.accountIdOf(FST_LEAD) }, 5_000, MINUTE);
    p.sb.host.raw.kvs.configure({ failIfExists, expiredKeys: 'readable' });
    expect(await setupRun()).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^Setup is already running, started by Farah Stein \(Networking FST lead\) at \d{4}-/),
      },
    });
    p.sb.host.raw.kvs.handle('/api/v1/delete', { key: KVS_KEYS.setupLock });
  }
});

test('a revision claim left by a save cut off 15 minutes ago does not block the next save', async () => {
  const key = await p.createIssue('Roadmap Item', 'Claim left behind');
  const { id } = (await p.rest('GET', `/rest/api/3/issue/${key}?fields=issuetype`, ADMIN)).body as { id: string };
  leaveHolder(KVS_KEYS.revisionClaim('lcoo-vetting', id, 1), { accountId: 'someone' }, 15 * MINUTE, 10 * MINUTE);
  const saved = await p.call('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  expect(saved).toMatchObject({ ok: true, data: { vetting: { revision: 1, integrity: 'valid' } } });
});

test('a revision claim taken a moment ago is a CONFLICT: someone else is saving', async () => {
  const key = await p.createIssue('Roadmap Item', 'Claim held');
  const { id } = (await p.rest('GET', `/rest/api/3/issue/${key}?fields=issuetype`, ADMIN)).body as { id: string };
  leaveHolder(KVS_KEYS.revisionClaim('lcoo-vetting', id, 1), { accountId: 'someone' }, 1_000, 10 * MINUTE);
  p.sb.host.raw.kvs.configure({ failIfExists: { status: 409, code: 'SOMETHING_NEW' } });
  const refused = await p.call('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', message: expect.stringMatching(/^Someone else saved this vetting checklist at the same moment/) },
  });
});
