// Published versions: names, the proposal of the next one, parts that fit a storage value, and
// the signature that makes any later change show.
import { canonicalJson } from '../../../src/domain/canonical';
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
