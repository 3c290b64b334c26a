// Published versions: names, the proposal of the next one, parts that fit a storage value, and
// the signature that makes any later change show.
import { canonicalJson } from '../../../src/domain/canonical';
import { compareVersions } from '../../../src/domain/roadmap/compare';
import { CSV_COLUMNS, exportFileName, toCsv, toMarkdown } from '../../../src/domain/roadmap/export';
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import { proposeVersion } from '../../../src/domain/roadmap/proposal';
import { newestFirst, splitIntoParts, versionName, type VersionItem, type VersionSummary } from '../../../src/domain/roadmap/version';
import { partDigest, signSummary, versionIntegrity } from '../../../src/records/roadmap-version';

const item = (n: number, summary = `Item ${n}`): VersionItem => ({
  id: String(n),
  key: `LCOO-${n}`,
  summary,
  stage: 'prioritized',
  rank: n,
  companies: [{ name: 'AT&T', people: 2 }],
  slipped: false,
  integrity: 'valid',
});

test('a version is named by quarter, kind and event; the proposal follows PTGs and Forums', () => {
  expect(versionName('2027-Q1', 'new', ' Indri PTG ')).toBe('2027 Q1, new roadmap, Indri PTG');
  expect(versionName('2027-Q2', 'refresh', 'Summit')).toBe('2027 Q2, refresh, Summit');
  expect(proposeVersion('2027-Q1', BUILTIN_CALENDAR).name).toBe('2027 Q1, new roadmap, Indri PTG');
  expect(proposeVersion('2026-Q3', BUILTIN_CALENDAR).name).toBe('2026 Q3, new roadmap, Hibiscus PTG');
  expect(proposeVersion('2026-Q4', BUILTIN_CALENDAR)).toMatchObject({ kind: 'refresh', event: 'Forum' });
  // Past the named series: by number.
  expect(proposeVersion('2027-Q3', BUILTIN_CALENDAR).event).toBe('2027.2 PTG');
});

test('parts stay under the limit, in order, and hold every item', () => {
  const items = Array.from({ length: 2000 }, (_, i) => item(i + 1, 'x'.repeat(200)));
  const parts = splitIntoParts(items, 200_000);
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) expect(canonicalJson(p).length).toBeLessThanOrEqual(200_000);
  expect(parts.flatMap((p) => p.items)).toEqual(items);
  expect(splitIntoParts([], 1000)).toEqual([{ items: [] }]);
  expect(() => splitIntoParts([item(1, 'y'.repeat(2000))], 1000)).toThrow(/too large/);
});

test('the signature covers the summary and, through their digests, every part', () => {
  const secret = 'k'.repeat(64);
  const parts = splitIntoParts([item(1), item(2)], 200_000);
  const unsigned = {
    version: 1 as const,
    id: '2027-Q1.abc.def',
    quarter: '2027-Q1',
    kind: 'new' as const,
    event: 'Indri PTG',
    name: '2027 Q1, new roadmap, Indri PTG',
    publishedBy: { accountId: 'a' },
    publishedAt: '2026-11-30T08:00:00.000Z',
    itemCount: 2,
    parts: parts.map(partDigest),
  };
  const summary: VersionSummary = { ...unsigned, sig: signSummary(secret, unsigned) };
  expect(versionIntegrity(secret, summary, parts)).toBe('valid');
  expect(versionIntegrity('other'.repeat(13), summary, parts)).toBe('modified');
  expect(versionIntegrity(secret, { ...summary, event: 'Summit' }, parts)).toBe('modified');
  expect(versionIntegrity(secret, summary, [{ items: [item(1), item(3)] }])).toBe('modified');
  expect(versionIntegrity(secret, summary, [undefined])).toBe('modified');
  expect(newestFirst([summary, { ...summary, id: '2027-Q1.b.c', publishedAt: '2026-12-01T00:00:00.000Z' }])[0]?.id).toBe('2027-Q1.b.c');
});

test('compare: added, dropped, stage moves, retargeted, rank changes and newly slipped, matched by id', () => {
  const a = item(1);
  const b = { ...item(2), releaseId: 'indri', release: '2027.1 Indri' };
  const c = item(3);
  const d = item(4);
  const from = [a, b, c, d];
  const to = [
    { ...b, rank: 1, releaseId: '2027.2', release: '2027.2' },
    { ...a, rank: 2, stage: 'development-ready' as const },
    { ...c, key: 'OTHER-3' },
    { ...d, slipped: true },
    item(5),
  ];
  const diff = compareVersions(from, to);
  expect(diff.counts).toEqual({ added: 1, dropped: 0, stage: 1, retargeted: 1, rank: 2, slipped: 1, decided: 0 });
  expect(diff.unchanged).toBe(1); // the moved key is the same item
  expect(diff.changed.find((x) => x.key === 'LCOO-2')).toMatchObject({
    changes: ['retargeted', 'rank'],
    release: { from: '2027.1 Indri', to: '2027.2' },
    rank: { from: 2, to: 1 },
  });
  const back = compareVersions(to, from);
  expect(back.counts.dropped).toBe(1);
  expect(back.changed.at(-1)).toMatchObject({ key: 'LCOO-5', changes: ['dropped'], rank: { from: 5 } });
  expect(compareVersions(from, from)).toMatchObject({ changed: [], unchanged: 4 });
});

test('exports: Markdown escapes cells, CSV follows RFC 4180 and defuses formulas, file names are slugs', () => {
  const items = [
    {
      ...item(1, 'Pipes | and\nnewlines'),
      release: '2027.1 Indri',
      fst: 'Networking',
      fstRank: 2,
      type: 'new' as const,
      size: 'M' as const,
      decisions: { targetRelease: '2027.1 Indri', deliveryStrategy: 'Upstream first (spec | at the PTG)' },
    },
    { ...item(2, '=HYPERLINK("x")'), rank: undefined, companies: [{ name: 'NTT, Inc', people: 0 }], slipped: true },
  ];
  const head = { name: '2027 Q1, new roadmap, Indri PTG', publishedBy: 'Alex', publishedAt: '2026-11-30T08:00:00.000Z' };
  const md = toMarkdown(head, items, (s) => `S:${s}`);
  expect(md).toContain('| 1 | LCOO-1 | Pipes \\| and newlines | S:prioritized | 2027.1 Indri | Networking (2) | new / M | AT&T (2) |');
  expect(md).toContain('Published by Alex on 2026-11-30. 2 items');
  expect(md).toContain(
    "## The Roadmap Committee's decisions\n\n- **LCOO-1** Pipes \\| and newlines: target release 2027.1 Indri; delivery strategy: Upstream first (spec \\| at the PTG)\n",
  );
  expect(md).not.toContain('**LCOO-2**');
  const csv = toCsv(items, (s) => s).split('\r\n');
  expect(csv[0]).toBe(CSV_COLUMNS.join(','));
  expect(csv[1]).toBe(
    '1,LCOO-1,"Pipes | and\nnewlines",prioritized,2027.1 Indri,no,Networking,2,new,M,AT&T (2),2027.1 Indri,Upstream first (spec | at the PTG)',
  );
  expect(csv[2]).toBe(`,LCOO-2,"'=HYPERLINK(""x"")",prioritized,,yes,,,,,"NTT, Inc",,`);
  expect(exportFileName(head.name, 'markdown')).toBe('lcoo-roadmap-2027-q1-new-roadmap-indri-ptg.md');
  expect(exportFileName(head.name, 'csv')).toBe('lcoo-roadmap-2027-q1-new-roadmap-indri-ptg.csv');
});
