// The LCOO JQL aliases on the seeded roadmap (made through the app: panel saves, approvals, gated
// transitions): each value is found as a person sees it on screen and by its id, in Jira's search
// (the emulator indexes the manifest's jira:entityProperty values as Jira does), and the gadget's
// JQL scope, answered from the portfolio index, finds the same issues.
import { z } from 'zod';
import { generateSeedPlan, type PlannedRoadmapItem } from '../../../sandbox/seed/generate';
import type { PortfolioLoad } from '../../../src/contract/gadget';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';
import { directoryOf } from '../../../src/domain/directory';
import { envelopeSchema } from '../../support/envelope';
import { rest } from '../../support/lcoo-site';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

const VIEWER = 'viewer@lcoo.example';
const directory = directoryOf(DEFAULT_APP_CONFIG);
const plan = generateSeedPlan();
// Forged records were written through raw REST with an index of the forger's choosing: JQL finds
// whatever they claim (the panel and the gadget flag them), so they are left out of the comparisons.
const forged = new Set([...plan.roadmapItems.filter((r) => r.completeness === 'forged').map((r) => r.summary)]);

let sb: TestSandbox;
let keyOf: Map<string, string>;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  const all = await search('project = LCOO');
  keyOf = new Map(all.map((i) => [i.summary, i.key]));
}, 180_000);
afterAll(() => sb?.stop());

const Found = z.object({ issues: z.array(z.object({ key: z.string(), fields: z.object({ summary: z.string() }) })) });
async function search(jql: string): Promise<{ key: string; summary: string }[]> {
  const res = await rest(sb, VIEWER, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 });
  if (res.status !== 200) throw new Error(`${jql}: ${res.status} ${JSON.stringify(res.body)}`);
  return Found.parse(res.body).issues.map((i) => ({ key: i.key, summary: i.fields.summary }));
}
/** Keys Jira finds, forged records left out. */
const found = async (jql: string) =>
  (await search(jql))
    .filter((i) => !forged.has(i.summary))
    .map((i) => i.key)
    .sort();
/** Keys of the planned Roadmap Items (saved through the app) that match. */
const planned = (match: (r: PlannedRoadmapItem & { vetting: NonNullable<PlannedRoadmapItem['vetting']> }) => boolean) =>
  plan.roadmapItems
    .filter((r) => r.vetting && r.completeness !== 'forged' && match(r as Parameters<typeof match>[0]))
    .map((r) => keyOf.get(r.summary)!)
    .sort();

const companyId = (ref: string) => directory.company(ref)?.id;
const entries = (r: { vetting: NonNullable<PlannedRoadmapItem['vetting']> }) => r.vetting.collaborators?.companies ?? [];

describe('Jira finds what a person sees on screen, and the id', () => {
  test('lcooTargetRelease: the series name "Indri", its number "2027.1" and its id find the same items', async () => {
    const expected = planned((r) => r.vetting.targetRelease === 'indri');
    expect(expected.length).toBeGreaterThan(0);
    expect(await found('lcooTargetRelease = "Indri"')).toEqual(expected);
    expect(await found('lcooTargetRelease = "2027.1"')).toEqual(expected);
    expect(await found('lcooTargetRelease = indri')).toEqual(expected);
  });

  test('lcooFst by its display name and its id', async () => {
    const expected = planned((r) => directory.fst(r.vetting.fst)?.id === 'test-automation');
    expect(expected.length).toBeGreaterThan(0);
    expect(await found('lcooFst = "Test Automation / CICD"')).toEqual(expected);
    expect(await found('lcooFst = test-automation')).toEqual(expected);
  });

  test('lcooType by its display name and its id', async () => {
    const expected = planned((r) => r.vetting.type === 'open-sourcing');
    expect(expected.length).toBeGreaterThan(0);
    expect(await found('lcooType = "Open-sourcing"')).toEqual(expected);
    expect(await found('lcooType = open-sourcing')).toEqual(expected);
  });

  test('lcooCompany finds every company with an entry (not only the interested); lcooCommittedCompany those that committed people', async () => {
    const named = planned(
      (r) => companyId(r.vetting.proposingCompany ?? '') === 'ntt' || entries(r).some((c) => companyId(c.company) === 'ntt'),
    );
    const notInterested = planned((r) => entries(r).some((c) => companyId(c.company) === 'ntt' && c.interest !== 'yes'));
    expect(notInterested.length).toBeGreaterThan(0);
    expect(await found('lcooCompany = "NTT"')).toEqual(named);
    expect(await found('lcooCompany = ntt')).toEqual(named);
    const committed = planned((r) => entries(r).some((c) => companyId(c.company) === 'att' && (c.people?.length ?? 0) > 0));
    expect(committed.length).toBeGreaterThan(0);
    expect(await found('lcooCommittedCompany = "AT&T"')).toEqual(committed);
    expect(await found('lcooCompany = "AT&T"')).toEqual(expect.arrayContaining(committed));
  });

  test('lcooStage follows the workflow by status name and id; lcooMilestone by series name', async () => {
    const prioritized = (await found('status = "Prioritized" AND issuetype = "Roadmap Item"')).filter((k) =>
      planned(() => true).includes(k),
    );
    expect(prioritized.length).toBeGreaterThan(0);
    expect(await found('lcooStage = "Prioritized"')).toEqual(prioritized);
    expect(await found('lcooStage = prioritized')).toEqual(prioritized);
    const byNumber = await found('lcooMilestone = "2027.1"');
    expect(await found('lcooMilestone = "Indri"')).toEqual(byNumber);
  });
});

describe("the gadget's JQL scope, answered from the portfolio index, agrees with Jira", () => {
  const Answer = envelopeSchema(z.unknown());
  async function gadgetKeys(jql: string): Promise<string[]> {
    const keys: string[] = [];
    for (let page = 1; ; page++) {
      const out = Answer.parse(
        await sb.host.invoke(
          'lcoo-portfolio-gadget',
          'portfolio/load',
          { page },
          { asEmail: VIEWER, gadgetConfiguration: { scope: { kind: 'jql', jql } } },
        ),
      );
      if (!out.ok) throw new Error(`${jql}: ${out.error.message}`);
      const p = out.data as PortfolioLoad;
      expect(p.index).toMatchObject({ source: 'index' });
      expect(p.index.jqlAskedJira).toBeUndefined(); // answered from the index alone
      keys.push(...p.rows.map((r) => r.key));
      if (page >= Math.ceil(p.matched / p.pageSize)) break;
    }
    const forgedKeys = new Set([...forged].map((s) => keyOf.get(s)));
    return keys.filter((k) => !forgedKeys.has(k)).sort();
  }

  test.each([
    'lcooTargetRelease = "Indri"',
    'lcooTargetRelease = "2027.1"',
    'lcooFst = "Networking"',
    'lcooFst in (networking, "Security")',
    'lcooType = "Debt"',
    'lcooCompany = "Comcast"',
    'lcooCommittedCompany = "AT&T"',
    'lcooStage = "Being Vetted / Groomed"',
    'lcooDeliveryStage = "Code Committed"',
    'lcooMilestone = "Indri"',
  ])('%s', async (jql) => {
    const jira = await found(jql);
    expect(jira.length).toBeGreaterThan(0);
    expect(await gadgetKeys(jql)).toEqual(jira);
  });
});
