// The real, unmodified @forge/kvs talking to the sandbox's KVS emulator inside a jest test,
// for code that only needs KVS (src/storage). @forge/kvs sends every request through the
// global `__forge_fetch__` (out/index.js, getFetchClient) when no Forge runtime names a KVS
// host: this installs that global on the test's own global, answering from the emulator.
import Database from 'better-sqlite3';
import { createKvsEmulator, type EntityIndexes, type KvsEmulator } from '../../sandbox/host/kvs-emulator';

interface FetchInit {
  body?: unknown;
}

/** `entities`: custom entities as the manifest declares them (name -> indexes), for code that uses them. */
export function kvsInProcess(entities: EntityIndexes = {}): KvsEmulator {
  const kvs = createKvsEmulator(new Database(':memory:'), entities);
  const g = globalThis as typeof globalThis & { __forge_fetch__?: unknown };
  g.__forge_fetch__ = (_meta: unknown, path: string, init: FetchInit = {}) => {
    const reply = kvs.handleText(path, typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined);
    const text = reply.text ?? '';
    return Promise.resolve({
      ok: reply.status >= 200 && reply.status < 300,
      status: reply.status,
      statusText: String(reply.status),
      headers: { get: () => null },
      text: () => Promise.resolve(text),
    });
  };
  return kvs;
}
