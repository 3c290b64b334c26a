// The portfolio index kept current (issue 12, point 2): on every save and approval in the same
// invocation, on Jira's issue events (created, status/summary changes, deletes) through the
// triggers, and by the hourly reconcile; the gadget answers from it.
import type { PortfolioLoad } from '../../../src/contract/gadget';
import type { IndexStatusView } from '../../../src/contract/portfolio-index';
import { ADMIN, FST_LEAD, VIEWER, completeVetting, startLcooSite, unwrap, type LcooSite } from '../../support/lcoo-site';

const GADGET = 'lcoo-portfolio-gadget';
let site: LcooSite;

async function load(
  payload: Record<string, unknown> = {},
  asEmail = VIEWER,
  gadgetConfiguration: Record<string, unknown> = {},
): Promise<PortfolioLoad> {
  return unwrap<PortfolioLoad>(await site.sb.host.invoke(GADGET, 'portfolio/load', payload, { asEmail, gadgetConfiguration }));
}
async function admin<T>(key: string): Promise<T> {
  return unwrap<T>(await site.sb.host.invoke('lcoo-admin', key, {}, { asEmail: ADMIN }));
}

beforeAll(async () => {
  site = await startLcooSite();
  await admin<IndexStatusView>('index/rebuild');
  await site.sb.host.settled();
}, 120_000);
afterAll(() => site?.stop());

test('an empty site builds an index; the gadget then answers from it in 3 storage calls and 1 Jira call', async () => {
  const status = await admin<IndexStatusView>('index/status');
  expect(status).toMatchObject({ state: 'ready', rows: 0, rebuild: { state: 'done' } });
  const p = await load();
  expect(p.index.source).toBe('index');
  expect(p.totals.items).toBe(0);
  expect(p.storageCalls).toBeLessThanOrEqual(3);
});

test('a save in the panel is in the next load; a status change, a summary edit and a delete follow through the triggers', async () => {
  const key = await site.createIssue('Roadmap Item', 'SR-IOV live migration');
  await site.sb.host.settled();
  let row = (await load()).rows.find((r) => r.key === key);
  expect(row).toMatchObject({ stage: 'vetting-backlog', summary: 'SR-IOV live migration', integrity: 'missing' });

  await site.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  // No settle: the save wrote the row in its own invocation.
  row = (await load()).rows.find((r) => r.key === key);
  expect(row).toMatchObject({ fst: 'networking', type: 'new', size: 'L', completed: 12 });
  expect(row?.integrity).toBeUndefined();

  expect((await site.transition(key, 'Being Vetted / Groomed')).status).toBe(204);
  await site.sb.host.settled();
  expect((await load()).rows.find((r) => r.key === key)?.stage).toBe('being-vetted');

  expect(
    (await site.rest('PUT', `/rest/api/3/issue/${key}`, ADMIN, { fields: { summary: 'SR-IOV live migration, phase 2' } })).status,
  ).toBe(204);
  await site.sb.host.settled();
  expect((await load()).rows.find((r) => r.key === key)?.summary).toBe('SR-IOV live migration, phase 2');

  expect((await site.rest('DELETE', `/rest/api/3/issue/${key}`, ADMIN)).status).toBe(204);
  await site.sb.host.settled();
  expect((await load()).rows.find((r) => r.key === key)).toBeUndefined();
});
