import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import { gadgetVocabulary } from '../../../src/modules/gadget/vocabulary';
import { ageLabel, hasFilters, heatLevel, issueKeySortKey, makeNames, splitProjectKeys } from '../../../static/portfolio-gadget/src/format';

describe('gadget display helpers', () => {
  const names = makeNames(gadgetVocabulary(BUILTIN_CALENDAR, new Date('2026-11-25T12:00:00Z')), {
    fsts: [{ id: 'networking', name: 'Networking' }],
    companies: [{ id: 'att', name: 'AT&T' }],
  });

  it('names stages, releases, types, FSTs and companies, falling back to what is stored', () => {
    expect(names.stage('being-vetted')).toBe('Being Vetted / Groomed');
    expect(names.release('gazpacho')).toBe('Gazpacho (2026.1)');
    expect(names.release('ocata')).toBe('Ocata');
    expect(names.release('(none)')).toBe('No release');
    expect(names.type('open-sourcing')).toBe('Open-sourcing');
    expect(names.fst('networking')).toBe('Networking');
    expect(names.fst('Security')).toBe('Security');
    expect(names.fst('(none)')).toBe('No FST');
    expect(names.company('att')).toBe('AT&T');
  });

  it('orders stages by lifecycle and releases oldest first, with no release last', () => {
    expect(names.stageOrder('vetting-backlog')).toBeLessThan(names.stageOrder('development-ready'));
    expect(names.stageOrder('development-ready')).toBeLessThan(names.stageOrder('backlog'));
    expect(names.releaseOrder('ocata')).toBeLessThan(names.releaseOrder('indri'));
    expect(names.releaseOrder(undefined)).toBeGreaterThan(names.releaseOrder('indri'));
  });

  it('shades a heat map in four even steps of the largest value', () => {
    expect([0, 1, 2, 3, 4, 5, 8].map((v) => heatLevel(v, 8))).toEqual([0, 1, 1, 2, 2, 3, 4]);
    expect(heatLevel(3, 0)).toBe(0);
  });

  it('sorts issue keys by number, not text', () => {
    const keys = ['LCOO-10', 'LCOO-9', 'ABC-2', 'LCOO-100'];
    expect([...keys].sort((a, b) => issueKeySortKey(a).localeCompare(issueKeySortKey(b)))).toEqual([
      'ABC-2',
      'LCOO-9',
      'LCOO-10',
      'LCOO-100',
    ]);
  });

  it('splits typed project keys and says how old the data is', () => {
    expect(splitProjectKeys(' lcoo, net;ops  x ')).toEqual(['LCOO', 'NET', 'OPS', 'X']);
    expect(splitProjectKeys('  ')).toEqual([]);
    const at = '2026-11-25T12:00:00.000Z';
    expect(ageLabel(at, Date.parse(at) + 20_000)).toBe('just now');
    expect(ageLabel(at, Date.parse(at) + 5 * 60_000)).toBe('5 min ago');
    expect(ageLabel(at, Date.parse(at) + 3 * 3_600_000)).toBe('3 h ago');
    expect(ageLabel('not a date', 0)).toBe('');
  });

  it('knows when filters narrow the portfolio', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ fsts: [], onlySlipped: false })).toBe(false);
    expect(hasFilters({ stages: ['prioritized'] })).toBe(true);
    expect(hasFilters({ onlyBlocked: true })).toBe(true);
  });
});
