// "Claim once" (src/storage/claim.ts) on the real @forge/kvs against the KVS emulator: the
// setup lock and revision claims rely on it. Covers every way Forge may answer a refused
// FAIL_IF_EXISTS write, and expired holders that KVS still returns (Forge deletes expired
// keys up to 48 hours late).
import { kvsInProcess } from '../../support/kvs-in-process';
import { claimOnce } from '../../../src/storage/claim';
import { isKeyConflict } from '../../../src/storage/kvs-conflict';

const kvs = kvsInProcess();
const T0 = Date.parse('2026-11-30T10:00:00Z');
let now = T0;
const clock = () => now;

beforeEach(() => {
  kvs.reset();
  now = T0;
  kvs.configure({ now: clock });
});

describe.each([
  ['409 KEY_CONFLICT (what Forge apps report)', { status: 409, code: 'KEY_CONFLICT' }],
  ['409 with another code (the status alone)', { status: 409, code: 'SOMETHING_NEW' }],
  ['another status with KEY_CONFLICT (the code alone)', { status: 400, code: 'KEY_CONFLICT' }],
  ['409 KEY_ALREADY_EXISTS (older sandboxes)', { status: 409, code: 'KEY_ALREADY_EXISTS' }],
])('a refused FAIL_IF_EXISTS answered as %s', (_name, failIfExists) => {
  beforeEach(() => kvs.configure({ now: clock, failIfExists }));

  test('the second caller is told who holds the key', async () => {
    const first = await claimOnce('lock', { who: 'ann' }, { ttlSeconds: 60, now: clock });
    expect(first.ok).toBe(true);
    const second = await claimOnce('lock', { who: 'bo' }, { ttlSeconds: 60, now: clock });
    expect(second).toEqual({ ok: false, holder: { who: 'ann' }, claimedAt: new Date(T0).toISOString() });
  });
});

test('any other KVS failure is not taken for a refusal: it is thrown', async () => {
  kvs.configure({ now: clock, failIfExists: { status: 500, code: 'INTERNAL_SERVER_ERROR' } });
  await claimOnce('lock', { who: 'ann' }, { ttlSeconds: 60, now: clock });
  await expect(claimOnce('lock', { who: 'bo' }, { ttlSeconds: 60, now: clock })).rejects.toMatchObject({
    code: 'INTERNAL_SERVER_ERROR',
  });
});

test('isKeyConflict reads the status and the code ForgeKvsAPIError carries, nothing else', () => {
  expect(isKeyConflict({ code: 'KEY_CONFLICT', responseDetails: { status: 409 } })).toBe(true);
  expect(isKeyConflict({ code: 'X', responseDetails: { status: 409 } })).toBe(true);
  expect(isKeyConflict({ code: 'key_conflict' })).toBe(true);
  expect(isKeyConflict({ code: 'RATE_LIMIT_EXCEEDED', responseDetails: { status: 429 } })).toBe(false);
  expect(isKeyConflict({ code: 'KEY_EXISTS_SOMEWHERE', responseDetails: { status: 400 } })).toBe(false);
  expect(isKeyConflict(new Error('409'))).toBe(false);
  expect(isKeyConflict(undefined)).toBe(false);
});

describe('a holder whose expiry has passed, while KVS still returns its key', () => {
  beforeEach(() => kvs.configure({ now: clock, expiredKeys: 'readable' }));

  test('counts as gone: the next caller takes the key over', async () => {
    expect((await claimOnce('lock', { who: 'ann' }, { ttlSeconds: 60, now: clock })).ok).toBe(true);
    now = T0 + 61_000; // ann's run was cut off; the key is still readable
    expect(kvs.handle('/api/v1/get', { key: 'lock' }).status).toBe(200);
    const bo = await claimOnce('lock', { who: 'bo' }, { ttlSeconds: 60, now: clock });
    expect(bo.ok).toBe(true);
    // And bo now holds it for everyone else.
    expect(await claimOnce('lock', { who: 'cy' }, { ttlSeconds: 60, now: clock })).toMatchObject({ ok: false, holder: { who: 'bo' } });
  });

  test('two callers taking over the same expired holder at once: exactly one wins', async () => {
    await claimOnce('lock', { who: 'ann' }, { ttlSeconds: 60, now: clock });
    now = T0 + 120_000;
    const [a, b] = await Promise.all([
      claimOnce('lock', { who: 'bo' }, { ttlSeconds: 60, now: clock }),
      claimOnce('lock', { who: 'cy' }, { ttlSeconds: 60, now: clock }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, holder: { who: a.ok ? 'bo' : 'cy' } });
  });

  test("a value in an older version's shape (no expiry inside) holds until KVS's own expiry time, and without one holds nothing", async () => {
    kvs.handle('/api/v1/set', { key: 'lock', value: { accountId: 'old' }, options: { ttl: { value: 5, unit: 'MINUTES' } } });
    expect(await claimOnce('lock', { who: 'bo' }, { ttlSeconds: 60, now: clock })).toEqual({ ok: false, holder: undefined });
    now = T0 + 6 * 60_000;
    expect((await claimOnce('lock', { who: 'bo' }, { ttlSeconds: 60, now: clock })).ok).toBe(true);

    kvs.handle('/api/v1/set', { key: 'other', value: { accountId: 'old', at: '2026-11-01T00:00:00Z' } });
    expect((await claimOnce('other', { who: 'bo' }, { ttlSeconds: 60, now: clock })).ok).toBe(true);
  });
});

test('release frees the key only for its own holder', async () => {
  const ann = await claimOnce('lock', { who: 'ann' }, { ttlSeconds: 60, now: clock });
  if (!ann.ok) throw new Error('ann should hold the lock');
  now = T0 + 61_000;
  kvs.configure({ now: clock, expiredKeys: 'readable' });
  const bo = await claimOnce('lock', { who: 'bo' }, { ttlSeconds: 60, now: clock });
  expect(bo.ok).toBe(true);
  await ann.claim.release(); // ann comes back late: must not free bo's lock
  expect(await claimOnce('lock', { who: 'cy' }, { ttlSeconds: 60, now: clock })).toMatchObject({ ok: false, holder: { who: 'bo' } });
  if (bo.ok) await bo.claim.release();
  expect((await claimOnce('lock', { who: 'cy' }, { ttlSeconds: 60, now: clock })).ok).toBe(true);
});
