// 10,000 issues with indexed properties: a property-filtered, alias-ordered search pages
// through every match in order. How long each page takes is measured by the bench
// (bench/emulator-search.bench.ts), never here: a busy machine makes timed tests flaky.
import { createIssue, makeHarness, q, type Harness } from './harness';

const N = 10_000;
const STAGES = ['vetting-backlog', 'being-vetted', 'prioritized', 'development-ready'];

describe('search at 10,000 issues', () => {
  let h: Harness;
  beforeAll(async () => {
    h = makeHarness();
    for (let i = 0; i < N; i++) {
      const { key } = await createIssue(h, `Roadmap item ${i}`, { labels: [i % 2 ? 'odd' : 'even'] });
      await h.ok(
        h.app,
        'PUT',
        `/rest/api/3/issue/${key}/properties/lcoo-vetting`,
        {
          index: { stage: STAGES[i % 4], size: i % 50, fst: `fst-${i % 7}`, companies: [`company-${i % 5}`, `company-${(i + 1) % 5}`] },
        },
        201,
      );
    }
  }, 120_000);
  afterAll(() => h.em.close());

  it('pages a property-filtered, alias-ordered search through every match, in order', async () => {
    const jql = 'project = LCOO AND lcooStage in (prioritized, being-vetted) AND lcooCompany = company-3 ORDER BY lcooSize DESC, key ASC';
    let token: string | undefined;
    let total = 0;
    let previous: { size: number; key: number } | undefined;
    do {
      const page: { issues: { key: string; properties: { 'lcoo-vetting': { index: { size: number } } } }[]; nextPageToken?: string } =
        await h.ok(h.app, 'POST', '/rest/api/3/search/jql', {
          jql,
          fields: ['summary', 'status', 'labels'],
          properties: ['lcoo-vetting'],
          maxResults: 100,
          ...(token ? { nextPageToken: token } : {}),
        });
      for (const issue of page.issues) {
        const here = { size: issue.properties['lcoo-vetting'].index.size, key: Number(issue.key.split('-')[1]) };
        // ORDER BY lcooSize DESC, key ASC, across page boundaries.
        if (previous) expect(previous.size > here.size || (previous.size === here.size && previous.key < here.key)).toBe(true);
        previous = here;
      }
      total += page.issues.length;
      token = page.nextPageToken;
    } while (token);
    // stage in (1,2 mod 4) and company-3 among (i%5, (i+1)%5): 2/4 * 2/5 of 10,000
    expect(total).toBe(2000);
  });

  it('caps maxResults at 100 with fields and allows 5000 for ids only', async () => {
    const withFields = await h.ok<{ issues: unknown[] }>(
      h.app,
      'GET',
      `/rest/api/3/search/jql?jql=${q('labels = odd')}&fields=summary&maxResults=1000`,
    );
    expect(withFields.issues).toHaveLength(100);
    const idsOnly = await h.ok<{ issues: unknown[]; isLast: boolean }>(
      h.app,
      'GET',
      `/rest/api/3/search/jql?jql=${q('labels = odd')}&fields=id&maxResults=6000`,
    );
    expect(idsOnly.issues).toHaveLength(5000);
    expect(idsOnly.isLast).toBe(true);
  });
});
