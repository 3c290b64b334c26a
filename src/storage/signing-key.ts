// The secret behind record signatures. It lives in Forge's encrypted KVS secret store, which
// no user and no REST call can read, so only the app can produce a valid signature.
import { kvs } from '@forge/kvs';
import { randomBytes } from 'node:crypto';
import { KVS_KEYS } from './keys';
import { isKeyConflict } from './kvs-conflict';

const valid = (v: unknown): v is string => typeof v === 'string' && v.length >= 32;

export async function getSigningKey(): Promise<string> {
  const existing = await kvs.getSecret<string>(KVS_KEYS.signingKey);
  if (valid(existing)) return existing;
  const fresh = randomBytes(32).toString('hex');
  try {
    // Two first invocations may race: only one key may win, the loser reads the winner's.
    await kvs.setSecret(KVS_KEYS.signingKey, fresh, { keyPolicy: 'FAIL_IF_EXISTS' });
    return fresh;
  } catch (err) {
    if (!isKeyConflict(err)) throw err;
    const winner = await kvs.getSecret<string>(KVS_KEYS.signingKey);
    if (valid(winner)) return winner;
    throw new Error('Could not create the LCOO record signing key in Forge storage.');
  }
}
