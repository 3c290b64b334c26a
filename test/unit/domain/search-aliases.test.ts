// The JQL aliases: one rule for every value (what the app shows, and the id), one list that the
// manifest, the README and the admin page show, and the index every save writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_APP_CONFIG, keepFormerNames, type AppConfig } from '../../../src/domain/app-config';
import { buildCalendar } from '../../../src/domain/release-calendar';
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import {
  ALIAS_VALUE_HELP,
  SEARCH_ALIASES,
  aliasValueLists,
  releaseTerms,
  searchNamesOf,
  vettingSearchValues,
  deliverySearchValues,
} from '../../../src/domain/search-aliases';
import { emptyVetting, type Vetting } from '../../../src/domain/vetting';
import type { Delivery } from '../../../src/domain/delivery';
import { RANK_PROPERTY } from '../../../src/usecases/roadmap/rank-search';
import { DELIVERY_PROPERTY, VETTING_PROPERTY, vettingIndex, stageIndexValue } from '../../../src/records/kinds';

const root = join(__dirname, '..', '..', '..');
const names = searchNamesOf(DEFAULT_APP_CONFIG, BUILTIN_CALENDAR);

const vetting: Vetting = {
  ...emptyVetting('networking'),
  proposingCompany: 'att',
  type: 'open-sourcing',
  size: 'L',
  targetRelease: 'indri',
  collaborators: {
    companies: [
      { company: 'comcast', interest: 'yes', people: [{ name: 'Casey Chen' }] },
      { company: 'ntt', interest: 'undecided', people: [] },
      { company: 'orange', interest: 'no', people: [] },
    ],
    workingGroups: [],
  },
};

describe('the one rule: a value is searchable as the app shows it and by its id', () => {
  test('a Roadmap Item is found by FST, type, series name and number, stage name, and every company with an entry', () => {
    const v = vettingSearchValues(vetting, 'being-vetted', names);
    expect(v.fst).toEqual(['Networking', 'networking']);
    expect(v.type).toEqual(['Open-sourcing', 'open-sourcing']);
    expect(v.size).toEqual(['L']);
    expect(v.targetRelease).toEqual(['Indri', '2027.1', 'indri']);
    expect(v.stage).toEqual(['Being Vetted / Groomed', 'being-vetted']);
    // The proposer and each listed company, whatever it answered; committed: only who named people.
    expect(v.companies).toEqual(['AT&T', 'att', 'Comcast', 'comcast', 'NTT', 'ntt', 'Orange', 'orange']);
    expect(v.committedCompanies).toEqual(['Comcast', 'comcast']);
  });

  test('empty values are left out (IS EMPTY finds them); an empty company list stays empty', () => {
    const v = vettingSearchValues(emptyVetting(), undefined, names);
    expect(v).toEqual({ companies: [], committedCompanies: [] });
  });

  test('a record saved before ids (names, a former name) indexes under the current name and the id', () => {
    const renamed: AppConfig = keepFormerNames(DEFAULT_APP_CONFIG, {
      ...DEFAULT_APP_CONFIG,
      fsts: DEFAULT_APP_CONFIG.fsts.map((f) => (f.id === 'networking' ? { ...f, name: 'Networking & NFV' } : f)),
    });
    const v = vettingSearchValues({ ...vetting, fst: 'Networking' }, undefined, searchNamesOf(renamed, BUILTIN_CALENDAR));
    expect(v.fst).toEqual(['Networking & NFV', 'networking']);
  });

  test('an FST or company the configuration no longer knows keeps what the record holds', () => {
    const v = vettingSearchValues({ ...vetting, fst: 'retired-fst', proposingCompany: 'gone' }, undefined, names);
    expect(v.fst).toEqual(['retired-fst']);
    expect(v.companies?.slice(0, 1)).toEqual(['gone']);
  });

  test('a series past the calendar is its number; once an admin names it, the name comes first and the number stays', () => {
    expect(releaseTerms('2027.2', BUILTIN_CALENDAR)).toEqual(['2027.2']);
    const named = buildCalendar([{ version: '2027.2', name: 'Jasmine' }]);
    expect(releaseTerms('2027.2', named)).toEqual(['Jasmine', '2027.2']);
    expect(releaseTerms('hibiscus', BUILTIN_CALENDAR)).toEqual(['Hibiscus', '2026.2', 'hibiscus']);
  });

  test("a deliverable's milestone series and stage follow the same rule", () => {
    const d = {
      schemaVersion: 1,
      roadmapItemKey: 'LCOO-3',
      project: 'Nova',
      milestone: { name: 'Indri-2', releaseId: 'indri', date: '2027-01-07' },
    } as unknown as Delivery;
    expect(deliverySearchValues(d, 'code-committed', BUILTIN_CALENDAR)).toEqual({
      stage: ['Code Committed', 'code-committed'],
      roadmapItem: ['LCOO-3'],
      project: ['Nova'],
      milestone: ['Indri', '2027.1', 'indri'],
    });
  });

  test('the record index adds completeness and integrity; a move writes the stage the same way a save does', () => {
    const index = vettingIndex(vetting, 'prioritized', { nowMs: Date.parse('2026-11-25'), calendar: BUILTIN_CALENDAR }, DEFAULT_APP_CONFIG);
    expect(index).toMatchObject({ integrity: 'valid', fst: ['Networking', 'networking'], stage: ['Prioritized', 'prioritized'] });
    expect(typeof index.completeness).toBe('number');
    expect(stageIndexValue('prioritized')).toEqual({ stage: index.stage });
  });

  test('the admin page lists every value kind an alias takes, from the configuration', () => {
    const lists = aliasValueLists(DEFAULT_APP_CONFIG, [{ id: 'indri', name: 'Indri', version: '2027.1' }]);
    expect(lists.fst).toContainEqual({ shown: 'Operations / LMA', also: ['operations-lma'] });
    expect(lists.company).toContainEqual({ shown: 'Reliance Jio', also: ['reliance-jio'] });
    expect(lists.release).toEqual([{ shown: 'Indri', also: ['2027.1', 'indri'] }]);
    for (const a of SEARCH_ALIASES) expect(ALIAS_VALUE_HELP[a.values]).toBeTruthy();
  });
});

describe('the one list of aliases', () => {
  test('manifest.yml declares exactly the aliases of the list, on the properties, paths and types it says', () => {
    const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
      modules: { 'jira:entityProperty': { propertyKey: string; values: { path: string; type: string; searchAlias: string }[] }[] };
    };
    const declared = manifest.modules['jira:entityProperty'].flatMap((m) =>
      m.values.map((v) => ({ alias: v.searchAlias, propertyKey: m.propertyKey, path: v.path, type: v.type })),
    );
    const property = { vetting: VETTING_PROPERTY, delivery: DELIVERY_PROPERTY, rank: RANK_PROPERTY };
    expect(declared).toEqual(SEARCH_ALIASES.map((a) => ({ alias: a.alias, propertyKey: property[a.record], path: a.path, type: a.type })));
  });

  test("the README's table is the list (regenerate it from the message below when the list changes)", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const start = readme.indexOf('<!-- search-aliases:start -->');
    const end = readme.indexOf('<!-- search-aliases:end -->');
    expect(start).toBeGreaterThan(0);
    const table = readme.slice(start + '<!-- search-aliases:start -->'.length, end).trim();
    expect(table).toBe(readmeTable());
  });
});

/** The README's table, made from the list. */
function readmeTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const on = { vetting: 'Roadmap Item', delivery: 'Upstream Deliverable', rank: 'Roadmap Item' };
  return [
    '| alias | on | what it holds | values | example |',
    '|---|---|---|---|---|',
    ...SEARCH_ALIASES.map(
      (a) => `| \`${a.alias}\` | ${on[a.record]} | ${cell(a.meaning)} | ${cell(ALIAS_VALUE_HELP[a.values])} | \`${cell(a.example)}\` |`,
    ),
  ].join('\n');
}
