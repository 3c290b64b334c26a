// Forge KVS through the real @forge/kvs: persisted in the data dir's SQLite across restarts,
// query pagination, secrets; and the emulator's answers for the rest of the KVS API.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKvsEmulator } from '../../../sandbox/host/kvs-emulator';
import { buildMiniApp } from '../../fixtures/mini-app/build';
import { startSandbox } from '../../support/sandbox';

describe('through the app (real @forge/kvs)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kvs-persist-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('values survive a restart of the sandbox on the same data dir', async () => {
    const appDir = buildMiniApp();
    const first = await startSandbox({ appDir, dataDir });
    try {
      const a = await first.host.invoke('mini-admin', 'counter/increment', { name: 'visits' }, { asEmail: 'admin@lcoo.example' });
      const b = await first.host.invoke('mini-admin', 'counter/increment', { name: 'visits' }, { asEmail: 'viewer@lcoo.example' });
      expect([a, b]).toEqual([
        { name: 'visits', value: 1 },
        { name: 'visits', value: 2 },
      ]);
    } finally {
      await first.stop();
    }
    const second = await startSandbox({ appDir, dataDir });
    try {
      expect(await second.host.invoke('mini-admin', 'counter/increment', { name: 'visits' }, { asEmail: 'admin@lcoo.example' })).toEqual({
        name: 'visits',
        value: 3,
      });
    } finally {
      await second.stop();
    }
  });

  test('query pages with cursors over a key prefix, and secrets round-trip and delete', async () => {
    const sb = await startSandbox({ appDir: buildMiniApp() });
    try {
      for (const name of ['q-a', 'q-b', 'q-c', 'q-d', 'q-e', 'other'])
        await sb.host.invoke('mini-admin', 'counter/increment', { name }, { asEmail: 'admin@lcoo.example' });
      const listed = (await sb.host.invoke('mini-admin', 'kvs/list', { prefix: 'counter:q-' }, { asEmail: 'admin@lcoo.example' })) as {
        key: string;
        value: unknown;
      }[];
      // The resolver pages 2 at a time: 5 keys take 3 pages, in key order, without metadata it did not ask for.
      expect(listed).toEqual(['a', 'b', 'c', 'd', 'e'].map((x) => ({ key: `counter:q-${x}`, value: 1 })));
      expect(await sb.host.invoke('mini-admin', 'secret/roundtrip', { value: 'hmac-key' }, { asEmail: 'admin@lcoo.example' })).toEqual({
        read: 'hmac-key',
        afterDelete: null,
      });
      // Secrets live apart from plain keys: a query never shows them.
      expect(sb.host.raw.kvs.keys()).not.toContain('mini-secret');
    } finally {
      await sb.stop();
    }
  });
});

describe('KVS emulator API (the requests @forge/kvs sends)', () => {
  const db = new Database(':memory:');
  const kvs = createKvsEmulator(db, { tasks: [{ name: 'by-owner', range: ['due'], partition: ['owner'] }] });
  beforeEach(() => {
    kvs.reset();
    kvs.configure({});
  });

  test('a missing key is 404 KEY_NOT_FOUND (which @forge/kvs turns into undefined)', () => {
    expect(kvs.handle('/api/v1/get', { key: 'nope' })).toEqual({
      status: 404,
      body: { code: 'KEY_NOT_FOUND', message: "The key 'nope' was not found" },
    });
    expect(kvs.handle('/api/v1/delete', { key: 'nope' }).status).toBe(404);
  });

  test('set with keyPolicy FAIL_IF_EXISTS refuses an existing key; OVERRIDE can return the previous value', () => {
    expect(kvs.handle('/api/v1/set', { key: 'k', value: 1 })).toEqual({ status: 204 });
    expect(kvs.handle('/api/v1/set', { key: 'k', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } })).toMatchObject({
      status: 409,
      body: { code: 'KEY_CONFLICT' },
    });
    const prev = kvs.handle('/api/v1/set', { key: 'k', value: 3, options: { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' } });
    expect(prev).toMatchObject({ status: 200, body: { key: 'k', value: 1 } });
    expect(kvs.handle('/api/v1/get', { key: 'k' })).toMatchObject({ status: 200, body: { value: 3 } });
  });

  test('a FAIL_IF_EXISTS refusal can be answered with any status and code (tests cover each way Forge may answer)', () => {
    kvs.configure({ failIfExists: { status: 400, code: 'SOMETHING_NEW' } });
    kvs.handle('/api/v1/set', { key: 'k', value: 1 });
    expect(kvs.handle('/api/v1/set', { key: 'k', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } })).toMatchObject({
      status: 400,
      body: { code: 'SOMETHING_NEW' },
    });
  });

  test('a value past its TTL is gone, or still readable (and still blocking FAIL_IF_EXISTS) when told so', () => {
    let now = Date.parse('2026-11-30T10:00:00Z');
    kvs.configure({ now: () => now });
    kvs.handle('/api/v1/set', { key: 'short', value: 'x', options: { ttl: { value: 1, unit: 'SECONDS' } } });
    kvs.handle('/api/v1/set', { key: 'lingers', value: 'y', options: { ttl: { value: 1, unit: 'SECONDS' } } });
    expect(kvs.handle('/api/v1/get', { key: 'short' }).status).toBe(200);
    now += 2000;
    expect(kvs.handle('/api/v1/get', { key: 'short' }).status).toBe(404);

    kvs.configure({ now: () => now, expiredKeys: 'readable' });
    expect(kvs.handle('/api/v1/get', { key: 'lingers' })).toMatchObject({
      status: 200,
      body: { value: 'y', expireTime: new Date(now - 1000).toISOString() },
    });
    expect(kvs.handle('/api/v1/set', { key: 'lingers', value: 'z', options: { keyPolicy: 'FAIL_IF_EXISTS' } }).status).toBe(409);
    expect(
      (
        kvs.handle('/api/v1/query', { where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['ling'] }] }).body as {
          data: unknown[];
        }
      ).data,
    ).toHaveLength(1);
  });

  test('query refuses a limit over 100 and an unknown condition, in the Forge error shape', () => {
    expect(kvs.handle('/api/v1/query', { limit: 101 })).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(kvs.handle('/api/v1/query', { where: [{ property: 'key', condition: 'SOUNDS_LIKE', values: ['x'] }] })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST' },
    });
  });

  test('batch set/get/delete report successful and failed keys', () => {
    expect(
      kvs.handle('/api/v1/batch/set', [
        { key: 'a', value: 1 },
        { key: 'b', value: 2 },
      ]),
    ).toEqual({ status: 200, body: { successfulKeys: [{ key: 'a' }, { key: 'b' }], failedKeys: [] } });
    const got = kvs.handle('/api/v1/batch/get', [{ key: 'a' }, { key: 'zz' }]).body as {
      successfulKeys: { key: string; value: unknown }[];
      failedKeys: { key: string; error: { code: string } }[];
    };
    expect(got.successfulKeys.map((k) => [k.key, k.value])).toEqual([['a', 1]]);
    expect(got.failedKeys).toEqual([{ key: 'zz', error: { code: 'KEY_NOT_FOUND', message: "The key 'zz' was not found" } }]);
    expect(kvs.handle('/api/v1/batch/delete', [{ key: 'a' }, { key: 'b' }]).body).toEqual({
      successfulKeys: [{ key: 'a' }, { key: 'b' }],
      failedKeys: [],
    });
  });

  test('the response text carries stored values as stored: the same JSON as the parsed answer, for any value', () => {
    const values = [
      { rows: [[1, 'LCOO-1', -1, [0, 2]]], s: ['a "quoted" \\ string', 'é ✓ \u2028'] },
      '__forge_kvs_stored_json_looks_like_a_marker_0',
      null,
      [0.5, -3e-7, true],
    ];
    kvs.handle(
      '/api/v1/batch/set',
      values.map((value, i) => ({ key: `k${i}`, value })),
    );
    for (const [path, body] of [
      ['/api/v1/batch/get', values.map((_, i) => ({ key: `k${i}` }))],
      ['/api/v1/get', { key: 'k0' }],
      ['/api/v1/get', { key: 'missing' }],
      ['/api/v1/query', { where: [{ field: 'key', condition: 'BEGINS_WITH', value: 'k' }], limit: 10 }],
    ] as const) {
      const parsed = kvs.handle(path, body);
      const text = kvs.handleText(path, body);
      expect(text.status).toBe(parsed.status);
      expect(JSON.parse(text.text ?? 'null')).toEqual(parsed.body ?? null);
    }
  });

  test('a transaction whose check fails writes nothing', () => {
    kvs.handle('/api/v1/entity/set', { entityName: 'tasks', key: 't1', value: { owner: 'ann', due: 3, state: 'open' } });
    const failed = kvs.handle('/api/v1/transaction', {
      set: [{ key: 'plain', value: 'written?' }],
      check: [{ key: 't1', entityName: 'tasks', conditions: { and: [{ property: 'state', condition: 'EQUAL_TO', values: ['done'] }] } }],
    });
    expect(failed).toMatchObject({ status: 409, body: { code: 'CONDITION_CHECK_FAILED' } });
    expect(kvs.handle('/api/v1/get', { key: 'plain' }).status).toBe(404);
    const ok = kvs.handle('/api/v1/transaction', {
      set: [{ key: 'plain', value: 'written' }],
      delete: [{ key: 't1', entityName: 'tasks', conditions: { and: [{ property: 'state', condition: 'EQUAL_TO', values: ['open'] }] } }],
    });
    expect(ok).toEqual({ status: 204 });
    expect(kvs.handle('/api/v1/entity/get', { entityName: 'tasks', key: 't1' }).status).toBe(404);
  });

  test('entity queries use the manifest index: partition, range, filters, sort and cursor', () => {
    const tasks = [
      ['t1', 'ann', 5, 'open'],
      ['t2', 'ann', 1, 'done'],
      ['t3', 'ann', 3, 'open'],
      ['t4', 'bob', 2, 'open'],
    ] as const;
    for (const [key, owner, due, state] of tasks)
      kvs.handle('/api/v1/entity/set', { entityName: 'tasks', key, value: { owner, due, state } });
    const page1 = kvs.handle('/api/v1/entity/query', {
      entityName: 'tasks',
      indexName: 'by-owner',
      partition: ['ann'],
      range: { condition: 'GREATER_THAN', values: [1] },
      filters: { and: [{ property: 'state', condition: 'EQUAL_TO', values: ['open'] }] },
      sort: 'DESC',
      limit: 1,
    }).body as { data: { key: string }[]; cursor?: string };
    expect(page1.data.map((d) => d.key)).toEqual(['t1']);
    const page2 = kvs.handle('/api/v1/entity/query', {
      entityName: 'tasks',
      indexName: 'by-owner',
      partition: ['ann'],
      range: { condition: 'GREATER_THAN', values: [1] },
      filters: { and: [{ property: 'state', condition: 'EQUAL_TO', values: ['open'] }] },
      sort: 'DESC',
      limit: 1,
      cursor: page1.cursor,
    }).body as { data: { key: string }[]; cursor?: string };
    expect(page2.data.map((d) => d.key)).toEqual(['t3']);
    expect(page2.cursor).toBeUndefined();
    expect(kvs.handle('/api/v1/entity/query', { entityName: 'tasks', indexName: 'nope' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST' },
    });
  });
});
