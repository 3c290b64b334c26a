import { aggregatePortfolio } from '../../../src/domain/portfolio';
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import type { Issue } from '../../../src/jira/issues';
import { toPortfolioIssues } from '../../../src/modules/gadget/portfolio-items';
import { FIXTURE_NOW, asSearchIssue, makePortfolioIssues, portfolioItemsOf } from './make-portfolio-issues';

const SECRET = 'k'.repeat(64);
const fixture = makePortfolioIssues(200, SECRET);
const issues = fixture.map((f) => asSearchIssue(f) as Issue);

describe('toPortfolioIssues', () => {
  it('verifies every record: signed ones are valid, forged ones are marked', () => {
    const { issues: verified, skipped } = toPortfolioIssues(issues, SECRET, {});
    expect(skipped.count).toBe(0);
    expect(verified).toHaveLength(200);
    const forged = verified.filter((i) => i.snapshot.integrity === 'modified-outside-app').map((i) => i.snapshot.key);
    expect(forged).toEqual(['LCOO-8', 'LCOO-108']);
    expect(verified.filter((i) => i.snapshot.integrity === 'valid')).toHaveLength(198);
    expect(verified.find((i) => i.snapshot.key === 'LCOO-5')?.snapshot).toMatchObject({
      lifecycle: 'delivery',
      delivery: { roadmapItemKey: 'LCOO-4' },
      parentKey: 'LCOO-4',
    });
  });

  it('reads every record as forged under another signing key', () => {
    const { issues: verified } = toPortfolioIssues(issues.slice(0, 10), 'another-secret-of-enough-length-0000000000', {});
    expect(new Set(verified.map((i) => i.snapshot.integrity))).toEqual(new Set(['modified-outside-app']));
  });

  it('skips issues whose status is not a stage of their lifecycle, and says why', () => {
    const odd = { ...issues[0]!, fields: { ...issues[0]!.fields, status: { id: '3', name: 'In Progress' } } } as Issue;
    const wrongLifecycle = { ...issues[0]!, fields: { ...issues[0]!.fields, status: { id: '4', name: 'Delivered' } } } as Issue;
    const r = toPortfolioIssues([odd, wrongLifecycle], SECRET, {});
    expect(r.issues).toEqual([]);
    expect(r.skipped).toEqual({
      count: 2,
      examples: [expect.objectContaining({ reason: expect.stringContaining('"In Progress" is not a stage') }), expect.anything()],
    });
    // Still known as a Roadmap Item: a deliverable may name it.
    expect(r.roadmapItems.has(odd.key)).toBe(true);
  });

  it('a renamed status still maps through the status ids setup recorded', () => {
    const renamed = { ...issues[0]!, fields: { ...issues[0]!.fields, status: { id: '10001', name: 'Vetting Inbox' } } } as Issue;
    expect(toPortfolioIssues([renamed], SECRET, {}).issues).toEqual([]);
    expect(toPortfolioIssues([renamed], SECRET, { '10001': 'vetting-backlog' }).issues[0]?.snapshot.stage).toBe('vetting-backlog');
  });

  it('carries a missing record as integrity "missing"', () => {
    const bare = { ...issues[0]!, properties: {} } as Issue;
    expect(toPortfolioIssues([bare], SECRET, {}).issues[0]?.snapshot.integrity).toBe('missing');
  });

  it('feeds the domain aggregation, which marks forged rows as integrity problems', () => {
    const { items } = portfolioItemsOf(fixture, SECRET);
    const p = aggregatePortfolio(items, { now: FIXTURE_NOW, calendar: BUILTIN_CALENDAR });
    expect(p.totals).toMatchObject({ items: 200, deliverables: 40, roadmapItems: 160, integrityProblems: 2 });
    expect(p.rows.find((r) => r.key === 'LCOO-8')!.blockers.length).toBeGreaterThan(0);
  });
});
