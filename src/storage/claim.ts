// "Claim once": the first caller to write a key holds it, everyone else is told who does.
// The setup lock and the claim on a record's next revision both work this way.
//
// KVS offers one atomic write, keyPolicy FAIL_IF_EXISTS. A TTL alone does not free a key in
// time: Forge deletes expired keys up to 48 hours late and reads may still return them
// (docs/platform-facts.md, "KVS TTL"). So the expiry also lives in the value, and a holder
// whose expiry has passed counts as gone: a run cut off by Forge's 25 s limit frees its lock
// when the lock's own expiry passes, not days later.
//
// Taking over an expired holder without compare-and-set: the taker must first create the
// key `<key>#after:<token of the expired holder>` with FAIL_IF_EXISTS. Only one caller can,
// so of two callers that both saw the same expired holder, one takes over and the other is
// told the key is held.
import { kvs, MetadataField } from '@forge/kvs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isKeyConflict } from './kvs-conflict';

const ClaimValueSchema = z.object({
  holder: z.unknown(),
  token: z.string().min(1),
  claimedAt: z.string(),
  /** ISO instant after which the holder counts as gone, whatever KVS still returns. */
  expiresAt: z.string(),
});
type ClaimValue = z.infer<typeof ClaimValueSchema>;

export interface Claim {
  key: string;
  /** Deletes the key if this claim still holds it (never someone else's). */
  release(): Promise<void>;
}

export type ClaimOutcome<H> =
  | { ok: true; claim: Claim }
  /** Held by someone else: who (as they wrote it, unparsed) and since when. */
  | { ok: false; holder: H | undefined; claimedAt?: string };

export interface ClaimOptions {
  /** How long the claim holds without being released. */
  ttlSeconds: number;
  now?: () => number;
}

const successorOf = (key: string, token: string) => `${key}#after:${token}`;

const passed = (iso: string | undefined, nowMs: number): boolean => {
  const at = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(at) || at <= nowMs;
};

/** A value this module did not write (an older version's claim): only KVS's own expiry time tells when it ends. */
type Foreign = { foreign: true; expireTime?: string };

async function readClaim(key: string): Promise<ClaimValue | Foreign | 'absent'> {
  const got = await kvs.get<unknown>(key, { metadataFields: [MetadataField.EXPIRE_TIME] });
  if (got === undefined || got === null || got.value === undefined || got.value === null) return 'absent';
  const parsed = ClaimValueSchema.safeParse(got.value);
  return parsed.success ? parsed.data : { foreign: true, ...(got.expireTime ? { expireTime: got.expireTime } : {}) };
}

const isClaim = (v: ClaimValue | Foreign | 'absent'): v is ClaimValue => typeof v === 'object' && !('foreign' in v);

/** Writes with FAIL_IF_EXISTS; false when the key exists, any other failure is thrown. */
async function createOnly(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } });
    return true;
  } catch (err) {
    if (isKeyConflict(err)) return false;
    throw err;
  }
}

function claimOf(key: string, token: string): Claim {
  return {
    key,
    async release() {
      const current = await readClaim(key);
      if (isClaim(current) && current.token === token) await kvs.delete(key);
    },
  };
}

/**
 * Claims `key` for `holder` (stored in the value, so a refused caller can say who holds it).
 * Never waits: a key held by a live holder is refused at once.
 */
export async function claimOnce<H>(key: string, holder: H, opts: ClaimOptions): Promise<ClaimOutcome<H>> {
  const now = opts.now ?? Date.now;
  const token = randomUUID();
  const value = (): ClaimValue => {
    const t = now();
    return { holder, token, claimedAt: new Date(t).toISOString(), expiresAt: new Date(t + opts.ttlSeconds * 1000).toISOString() };
  };
  // Two rounds: a key deleted between our write and our read is simply tried again.
  for (let round = 0; round < 2; round++) {
    if (await createOnly(key, value(), opts.ttlSeconds)) return { ok: true, claim: claimOf(key, token) };
    const current = await readClaim(key);
    if (current === 'absent') continue;
    if (isClaim(current) && !passed(current.expiresAt, now())) {
      return { ok: false, holder: current.holder as H, claimedAt: current.claimedAt };
    }
    // A value without our expiry (an older version's claim) holds until KVS says it expired;
    // one with no TTL at all was never a claim.
    if (!isClaim(current) && current.expireTime !== undefined && !passed(current.expireTime, now())) {
      return { ok: false, holder: undefined };
    }
    // Expired: take it over, if no one else is taking over the same holder.
    const previous = isClaim(current) ? current.token : `foreign-${current.expireTime ?? 'none'}`;
    const successor = successorOf(key, previous);
    if (!(await createOnly(successor, { token, holder }, opts.ttlSeconds))) {
      // Someone else is taking over right now: they named themselves in the successor key.
      const taker = (await kvs.get<{ holder?: unknown }>(successor)) ?? undefined;
      return { ok: false, holder: taker?.holder as H | undefined };
    }
    const still = await readClaim(key);
    if (isClaim(still) && still.token !== previous) {
      // Freed and claimed afresh by someone else meanwhile.
      return { ok: false, holder: still.holder as H, claimedAt: still.claimedAt };
    }
    await kvs.set(key, value(), { ttl: { value: opts.ttlSeconds, unit: 'SECONDS' } });
    return { ok: true, claim: claimOf(key, token) };
  }
  const last = await readClaim(key);
  return { ok: false, holder: isClaim(last) ? (last.holder as H) : undefined };
}
