import { aggregatePortfolio } from '../../../src/domain/portfolio';
import type { Issue } from '../../../src/jira/issues';
import { toPortfolioItem, toPortfolioItems } from '../../../src/modules/gadget/portfolio-items';
import { FIXTURE_NOW, asSearchIssue, makePortfolioIssues } from './make-portfolio-issues';

const SECRET = 'k'.repeat(64);
const issues = makePortfolioIssues(200, SECRET).map((f) => asSearchIssue(f) as Issue);

describe('toPortfolioItems', () => {
  it('verifies every record: signed ones are valid, forged ones are marked', () => {
    const { items, skipped } = toPortfolioItems(issues, SECRET);
    expect(skipped.count).toBe(0);
    expect(items).toHaveLength(200);
    const forged = items.filter((i) => i.integrity === 'modified-outside-app').map((i) => i.key);
    expect(forged).toEqual(['LCOO-8', 'LCOO-108']);
    expect(items.filter((i) => i.integrity === 'valid')).toHaveLength(198);
    expect(items.find((i) => i.key === 'LCOO-5')).toMatchObject({ lifecycle: 'delivery', delivery: { roadmapItemKey: 'LCOO-4' } });
  });

  it('reads every record as forged under another signing key', () => {
    const { items } = toPortfolioItems(issues.slice(0, 10), 'another-secret-of-enough-length-0000000000');
    expect(new Set(items.map((i) => i.integrity))).toEqual(new Set(['modified-outside-app']));
  });

  it('skips issues whose status is not a stage of their lifecycle, and says why', () => {
    const odd = { ...issues[0]!, fields: { ...issues[0]!.fields, status: { id: '3', name: 'In Progress' } } } as Issue;
    expect(toPortfolioItem(odd, SECRET)).toEqual({ skip: expect.stringContaining('"In Progress" is not a stage') });
    const wrongLifecycle = { ...issues[0]!, fields: { ...issues[0]!.fields, status: { id: '4', name: 'Delivered' } } } as Issue;
    expect('skip' in toPortfolioItem(wrongLifecycle, SECRET)).toBe(true);
  });

  it('carries a missing record as integrity "missing"', () => {
    const bare = { ...issues[0]!, properties: {} } as Issue;
    const r = toPortfolioItem(bare, SECRET);
    expect('item' in r && r.item.integrity).toBe('missing');
  });

  it('feeds the domain aggregation, which marks forged rows as integrity problems', () => {
    const { items } = toPortfolioItems(issues, SECRET);
    const p = aggregatePortfolio(items, { now: FIXTURE_NOW });
    expect(p.totals).toMatchObject({ items: 200, deliverables: 40, roadmapItems: 160, integrityProblems: 2 });
    expect(p.rows.find((r) => r.key === 'LCOO-8')!.blockers.length).toBeGreaterThan(0);
  });
});
