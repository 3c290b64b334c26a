// Records indexed before the one rule, or before an admin renamed what they name, are indexed
// again by the portfolio index's rebuild (issue 15.12): the hourly reconcile starts one when a name
// changes (or the rule's version does), and the rebuild rewrites the JQL search values of every
// record the app wrote, as the app, with data, revision and signature untouched.
import { z } from 'zod';
import type { IndexStatusView } from '../../../src/contract/portfolio-index';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';
import { ADMIN, FST_LEAD, VIEWER, completeVetting, startLcooSite, unwrap, type LcooSite } from '../../support/lcoo-site';

let site: LcooSite;
let key: string;

const admin = async <T>(k: string, payload: unknown = {}) =>
  unwrap<T>(await site.sb.host.invoke('lcoo-admin', k, payload, { asEmail: ADMIN }));
const Found = z.object({ issues: z.array(z.object({ key: z.string() })) });
async function found(jql: string): Promise<string[]> {
  const res = await site.rest('POST', '/rest/api/3/search/jql', VIEWER, { jql, fields: ['summary'] });
  if (res.status !== 200) throw new Error(`${jql}: ${res.status} ${JSON.stringify(res.body)}`);
  return Found.parse(res.body).issues.map((i) => i.key);
}
const Stored = z.looseObject({ index: z.record(z.string(), z.unknown()), meta: z.looseObject({ revision: z.number() }), sig: z.string() });
async function stored() {
  const res = await site.rest('GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, ADMIN);
  return Stored.parse((res.body as { value: unknown }).value);
}
async function reconcile(): Promise<void> {
  expect((await site.sb.host.runScheduledTrigger('lcoo-index-reconcile')).ok).toBe(true);
  await site.sb.host.settled();
}

beforeAll(async () => {
  site = await startLcooSite();
  await admin<IndexStatusView>('index/rebuild');
  await site.sb.host.settled();
  key = await site.createIssue('Roadmap Item', 'SR-IOV live migration');
  await site.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  await site.sb.host.settled();
}, 120_000);
afterAll(() => site?.stop());

test('a record indexed by the version before the rule (ids only, unsigned index) is found by name after the rebuild, still valid', async () => {
  const before = await stored();
  // What that version wrote: ids only, the interested companies, no index signature.
  const legacy = {
    ...before,
    index: {
      completeness: before.index['completeness'],
      integrity: 'valid',
      stage: 'vetting-backlog',
      fst: 'networking',
      type: 'new',
      size: 'L',
      targetRelease: (before.index['targetRelease'] as string[]).at(-1),
      companies: ['att'],
    },
  } as Record<string, unknown>;
  delete legacy['indexSig'];
  expect((await site.rest('PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, ADMIN, legacy)).status).toBe(200);
  const panel = await site.ok('panel/load', {}, VIEWER, key);
  expect(panel.vetting).toMatchObject({ integrity: 'valid' });
  expect(await found('lcooFst = "Networking"')).toEqual([]);
  expect(await found('lcooFst = networking')).toEqual([key]);

  const points = site.sb.emulator.rateLimits;
  points.resetPoints();
  await admin<IndexStatusView>('index/rebuild');
  await site.sb.host.settled();
  const withRewrite = points.points().app;
  expect((await admin<IndexStatusView>('index/status')).rebuild).toMatchObject({ state: 'done', reindexed: 1 });
  expect(await found('lcooFst = "Networking"')).toEqual([key]);
  expect(await found('lcooCompany = "AT&T"')).toEqual([key]);
  const after = await stored();
  expect(after).toMatchObject({ sig: before.sig, meta: { revision: before.meta.revision } });
  expect((await site.ok('panel/load', {}, VIEWER, key)).vetting).toMatchObject({ integrity: 'valid', revision: before.meta.revision });

  // Nothing left to rewrite: the next rebuild writes no property. A rewrite costs Jira 2 points
  // (the property read again, 1; its write, 1) on top of what the rebuild reads.
  points.resetPoints();
  await admin<IndexStatusView>('index/rebuild');
  await site.sb.host.settled();
  expect((await admin<IndexStatusView>('index/status')).rebuild?.reindexed).toBeUndefined();
  expect(withRewrite - points.points().app).toBe(2);
});

test('an admin renames an FST: the hourly reconcile rebuilds and the item is found under the new name; the id throughout', async () => {
  await reconcile(); // settles anything pending before the rename
  const renamed = {
    ...DEFAULT_APP_CONFIG,
    fsts: DEFAULT_APP_CONFIG.fsts.map((f) => (f.id === 'networking' ? { ...f, name: 'Networking & NFV' } : f)),
  };
  await admin('config/save', renamed);
  expect(await found('lcooFst = "Networking & NFV"')).toEqual([]);
  expect(await found('lcooFst = networking')).toEqual([key]);

  await reconcile();
  expect(await found('lcooFst = "Networking & NFV"')).toEqual([key]);
  expect(await found('lcooFst = "Networking"')).toEqual([]);
  expect(await found('lcooFst = networking')).toEqual([key]);
  expect((await admin<IndexStatusView>('index/status')).rebuild).toMatchObject({ state: 'done', reindexed: 1 });
});
