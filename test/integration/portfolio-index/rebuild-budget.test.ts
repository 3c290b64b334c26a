// A rebuild step stops at its budget (issue 12: every step within 10 s, whatever Jira's latency):
// the real step (src/usecases/portfolio-index/rebuild.ts) runs here in the test, against the
// sandbox's Jira and KVS emulators through the Forge proxy, on a clock of the test's own that
// moves only when a call is made (2 s a Jira call, 100 ms a storage call): no timing depends on
// the machine. Each step must end within STEP_BUDGET_MS on that clock, the rebuild must take
// several steps, and the index must hold every item at the end.
import { createForgeProxy, type CallCounter } from '../../../sandbox/host/forge-fetch';
import { LOCAL_ENVIRONMENT_ID } from '../../../sandbox/host/forge-host';
import { readBuckets } from '../../../src/storage/portfolio-index/store';
import { loadIndexMeta } from '../../../src/storage/portfolio-index/meta';
import { rebuildStep, startRebuild, STEP_BUDGET_MS, type RebuildEventSchema } from '../../../src/usecases/portfolio-index/rebuild';
import { startLcooSite, type LcooSite } from '../../support/lcoo-site';
import type { z } from 'zod';

const ITEMS = 250;
let site: LcooSite;
const counter: CallCounter = { jira: 0, storage: 0 };
const clock = () => 1_000_000 + counter.jira * 2_000 + counter.storage * 100;

beforeAll(async () => {
  site = await startLcooSite();
  for (let i = 0; i < ITEMS; i++) {
    const reply = await site.sb.emulator.handle({
      method: 'POST',
      path: '/rest/api/3/issue',
      body: JSON.stringify({ fields: { project: { key: 'LCOO' }, issuetype: { name: 'Roadmap Item' }, summary: `Budget item ${i}` } }),
      principal: { kind: 'app' },
      headers: { 'content-type': 'application/json' },
    });
    if (reply.status !== 201) throw new Error(`creating an issue: ${reply.status}`);
  }
  await site.sb.host.settled();
  // The app's code in this test reaches the emulators as the bundle does: through the Forge proxy.
  const backend = createForgeProxy({ jira: site.sb.emulator, kvs: site.sb.host.raw.kvs, counter }, undefined);
  const g = globalThis as Record<string, unknown>;
  const quiet = { incr: () => undefined, decr: () => undefined, measure: () => ({ stop: () => undefined }), stop: () => undefined };
  // The fields of the invocation the code reads (metrics, and the app and environment its stage gate is named by).
  g['__forge_runtime__'] = {
    metrics: { counter: () => quiet, timing: () => quiet, gauge: () => ({ set: () => undefined }) },
    appContext: { appId: site.sb.host.raw.app.appId, environmentId: LOCAL_ENVIRONMENT_ID, installationId: 'test', moduleKey: 'test' },
    lambdaContext: { getRemainingTimeInMillis: () => 900_000 },
  };
  g['__forge_fetch__'] = backend;
}, 180_000);
afterAll(() => site?.stop());

test('every step ends within its budget on a slow Jira, the rebuild takes several steps, and the index holds every item', async () => {
  const queue: z.infer<typeof RebuildEventSchema>[] = [];
  const push = (body: z.infer<typeof RebuildEventSchema>) => Promise.resolve(void queue.push(body));
  const started = await startRebuild('test', push);
  expect(started.started).toBe(true);
  const durations: number[] = [];
  for (let guard = 0; queue.length > 0 && guard < 50; guard++) {
    const t = clock();
    const progress = await rebuildStep(queue.shift(), { push, now: clock });
    durations.push(clock() - t);
    expect(progress?.state).not.toBe('failed');
  }
  expect(queue).toEqual([]);
  // 3 pages of 100 at 2 s a search: a step cannot hold them all with its write.
  expect(durations.length).toBeGreaterThanOrEqual(2);
  for (const d of durations) expect(d).toBeLessThanOrEqual(STEP_BUDGET_MS + 2 * 100); // + saving progress and the push
  const meta = await loadIndexMeta();
  expect(meta.state).toBe('ready');
  const { buckets } = await readBuckets(meta.bucketCount);
  expect(buckets.reduce((n, b) => n + b.rows.length, 0)).toBe(ITEMS);
});
