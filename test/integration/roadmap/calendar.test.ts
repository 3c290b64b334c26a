// The Calendar tab's resolver key through the sandbox (real @forge/resolver and @forge/kvs):
// calendar/load answers the series in development and the next with their milestones, PTGs and
// Forums in date order, today's place, the quarters they publish and the next version's name,
// which is the name the publish form proposes (versions/list), and follows an admin's calendar entry.
import { z } from 'zod';
import type { CalendarLoadView } from '../../../src/contract/roadmap-calendar';
import type { VersionsView } from '../../../src/contract/roadmap';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, VIEWER } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';
const Answer = envelopeSchema(z.unknown());

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
}, 240_000);
afterAll(() => sb?.stop());

async function ask(key: string, payload: unknown, asEmail = VIEWER) {
  return Answer.parse(await sb.host.invoke(PAGE, key, payload, { asEmail }));
}
async function ok<T>(key: string, payload: unknown, asEmail = VIEWER): Promise<T> {
  const out = await ask(key, payload, asEmail);
  if (!out.ok) throw new Error(`${key}: ${out.error.code} ${out.error.message}`);
  return out.data as T;
}

test('anyone who may open the page reads the calendar: events by date, today placed, quarters and the proposal versions/list makes', async () => {
  const c = await ok<CalendarLoadView>('calendar/load', {});
  expect(c.today).toBe(new Date().toISOString().slice(0, 10));
  expect(c.series).toHaveLength(2);
  const dates = c.events.map((e) => e.date);
  expect(dates).toEqual([...dates].sort());
  // Each series: a PTG, a Forum and its six milestones (the release last of them).
  for (const s of c.series) {
    const own = c.events.filter((e) => e.series.id === s.id);
    expect(own.filter((e) => e.kind === 'ptg')).toHaveLength(1);
    expect(own.filter((e) => e.kind === 'forum')).toHaveLength(1);
    expect(own.filter((e) => e.kind === 'milestone').map((e) => e.milestone)).toEqual([
      'milestone-1',
      'milestone-2',
      'milestone-3',
      'feature-freeze',
      'rc1',
      'final',
    ]);
    expect(own.find((e) => e.milestone === 'final')!.date).toBe(s.firstReleaseDate);
  }
  // The first series has not shipped yet; today sits before every event not over.
  expect(c.series[0]!.firstReleaseDate >= c.today).toBe(true);
  expect(c.events.slice(c.todayIndex).every((e) => (e.endDate ?? e.date) >= c.today)).toBe(true);
  expect(c.events.slice(0, c.todayIndex).every((e) => (e.endDate ?? e.date) < c.today)).toBe(true);
  // Four quarters: new at the PTGs, refresh at the Forums.
  expect(c.quarters.map((q) => q.kind)).toEqual(['new', 'refresh', 'new', 'refresh']);
  // The proposal is the publish form's.
  const versions = await ok<VersionsView>('versions/list', {});
  expect(c.proposal).toEqual(versions.proposal);
  expect(c.cost).toEqual({ jiraCalls: 0, storageCalls: 1 });
  expect(c.calendarSource).toBeDefined();
});

test("an admin's calendar entry for the next series shows on the calendar (name, release date, not estimated)", async () => {
  const before = await ok<CalendarLoadView>('calendar/load', {});
  const next = before.series[1]!;
  const version = next.label.split(' ')[0]!;
  const stored = await sb.host.invoke('lcoo-admin', 'calendar/get', {}, { asEmail: ADMIN });
  const current = Answer.parse(stored);
  if (!current.ok) throw new Error(current.error.message);
  const entries = (current.data as { entries: { series: unknown[] } }).entries.series.filter(
    (e) => (e as { version: string }).version !== version,
  );
  const releaseDate = next.firstReleaseDate;
  const saved = Answer.parse(
    await sb.host.invoke(
      'lcoo-admin',
      'calendar/save',
      { version: 1, series: [...entries, { version, name: 'Quokka', firstReleaseDate: releaseDate }] },
      { asEmail: ADMIN },
    ),
  );
  if (!saved.ok) throw new Error(`calendar/save: ${saved.error.message}`);
  const after = await ok<CalendarLoadView>('calendar/load', {});
  expect(after.series[1]!.label).toBe(`${version} Quokka`);
  expect(after.series[1]!.estimated).toBeUndefined();
  const release = after.events.find((e) => e.series.id === after.series[1]!.id && e.milestone === 'final')!;
  expect(release).toMatchObject({ label: `${version} Quokka release`, date: releaseDate });
  expect(release.estimated).toBeUndefined();
  expect(after.events.find((e) => e.series.id === after.series[1]!.id && e.kind === 'ptg')!.label).toBe(`${version} Quokka PTG`);
});

test('a payload the key does not take (a chosen "today") is refused, not ignored', async () => {
  const out = await ask('calendar/load', { today: '2020-01-01' });
  expect(out).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});
