import { aggregatePortfolio } from '../../../src/domain/portfolio';
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import { compactRows } from '../../../src/modules/gadget/compact-rows';
import { FIXTURE_NOW, makePortfolioIssues, portfolioItemsOf } from './make-portfolio-issues';

const SECRET = 's'.repeat(64);
const { items } = portfolioItemsOf(makePortfolioIssues(500, SECRET), SECRET);
const portfolio = aggregatePortfolio(items, { now: FIXTURE_NOW, calendar: BUILTIN_CALENDAR });

describe('compactRows', () => {
  const compact = compactRows(portfolio.rows);

  it('keeps every blocker sentence of every row, in order', () => {
    compact.rows.forEach((row, r) => {
      expect(row.blockers.map((i) => compact.blockerMessages[i])).toEqual(portfolio.rows[r]!.blockers.map((b) => b.message));
    });
  });

  it('keeps what the gadget shows and leaves out only what follows from it', () => {
    compact.rows.forEach((row, r) => {
      const full = portfolio.rows[r]!;
      expect(row).toMatchObject({ key: full.key, summary: full.summary, stage: full.stage, companies: full.companies });
      expect(row.completed).toBe(full.completeness?.completed);
      expect(row.slipped === true).toBe(full.slipped);
      expect(row.integrity ?? 'valid').toBe(full.integrity);
      expect(row.fst).toBe(full.fst);
      expect(row.releaseId).toBe(full.releaseId);
      expect(row.nextStage).toBe(full.nextStage);
    });
  });

  it('sends each sentence once and is much smaller than the domain rows', () => {
    expect(new Set(compact.blockerMessages).size).toBe(compact.blockerMessages.length);
    const before = JSON.stringify(portfolio.rows).length;
    const after = JSON.stringify(compact).length;
    expect(after).toBeLessThan(before / 3);
  });
});

describe('PortfolioRow.companies (domain)', () => {
  it('lists proposer and collaborators, and a deliverable inherits its Roadmap Item companies', () => {
    const row = (key: string) => portfolio.rows.find((r) => r.key === key)!;
    // makeVetting(0): proposer att, collaborators ntt (undecided) and orange (yes).
    expect(row('LCOO-1').companies).toEqual(['att', 'ntt', 'orange']);
    expect(row('LCOO-5').companies).toEqual(row('LCOO-4').companies);
    const filtered = aggregatePortfolio(items, { now: FIXTURE_NOW, calendar: BUILTIN_CALENDAR, filters: { companies: ['intel'] } });
    expect(filtered.rows.length).toBeGreaterThan(0);
    expect(filtered.rows.every((r) => r.companies.includes('intel'))).toBe(true);
  });
});
