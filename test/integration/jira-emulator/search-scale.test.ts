// 10,000 issues with indexed properties: every page of a property search must come back
// well under a second (the bench measures the same path in more detail).
import { createIssue, makeHarness, q, type Harness } from './harness';

const N = 10_000;
const STAGES = ['vetting-backlog', 'being-vetted', 'prioritized', 'development-ready'];

describe('search at 10,000 issues', () => {
  let h: Harness;
  beforeAll(async () => {
    h = makeHarness();
    for (let i = 0; i < N; i++) {
      const { key } = await createIssue(h, `Roadmap item ${i}`, { labels: [i % 2 ? 'odd' : 'even'] });
      await h.ok(h.app, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, {
        index: { stage: STAGES[i % 4], size: i % 50, fst: `fst-${i % 7}`, companies: [`company-${i % 5}`, `company-${(i + 1) % 5}`] },
      }, 201);
    }
  }, 120_000);
  afterAll(() => h.em.close());

  it('pages a property-filtered, alias-ordered search in well under a second per page', async () => {
    const jql = 'project = LCOO AND lcooStage in (prioritized, being-vetted) AND lcooCompany = company-3 ORDER BY lcooSize DESC, key ASC';
    let token: string | undefined;
    let total = 0;
    let slowest = 0;
    do {
      const started = performance.now();
      const page: { issues: unknown[]; nextPageToken?: string } = await h.ok(h.app, 'POST', '/rest/api/3/search/jql', {
        jql, fields: ['summary', 'status', 'labels'], properties: ['lcoo-vetting'], maxResults: 100, ...(token ? { nextPageToken: token } : {}),
      });
      slowest = Math.max(slowest, performance.now() - started);
      total += page.issues.length;
      token = page.nextPageToken;
    } while (token);
    // stage in (1,2 mod 4) and company-3 among (i%5, (i+1)%5): 2/4 * 2/5 of 10,000
    expect(total).toBe(2000);
    expect(slowest).toBeLessThan(250);
  });

  it('caps maxResults at 100 with fields and allows 5000 for ids only', async () => {
    const withFields = await h.ok<{ issues: unknown[] }>(h.app, 'GET', `/rest/api/3/search/jql?jql=${q('labels = odd')}&fields=summary&maxResults=1000`);
    expect(withFields.issues).toHaveLength(100);
    const idsOnly = await h.ok<{ issues: unknown[]; isLast: boolean }>(h.app, 'GET', `/rest/api/3/search/jql?jql=${q('labels = odd')}&fields=id&maxResults=6000`);
    expect(idsOnly.issues).toHaveLength(5000);
    expect(idsOnly.isLast).toBe(true);
  });
});
