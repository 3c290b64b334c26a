// The secret behind record signatures. It lives in Forge's encrypted KVS secret store, which
// no user and no REST call can read, so only the app can produce a valid signature.
import { kvs } from '@forge/kvs';
import { randomBytes } from 'node:crypto';

const KEY = 'lcoo:record-signing-key';

export async function getSigningKey(): Promise<string> {
  const existing = await kvs.getSecret<string>(KEY);
  if (typeof existing === 'string' && existing.length >= 32) return existing;
  const fresh = randomBytes(32).toString('hex');
  try {
    // Two first invocations may race: only one key may win, the loser reads the winner's.
    await kvs.setSecret(KEY, fresh, { keyPolicy: 'FAIL_IF_EXISTS' });
    return fresh;
  } catch {
    const winner = await kvs.getSecret<string>(KEY);
    if (typeof winner === 'string' && winner.length >= 32) return winner;
    throw new Error('Could not create the LCOO record signing key in Forge storage.');
  }
}
