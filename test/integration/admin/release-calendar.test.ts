// Issue 11, item 9: an administrator adds or corrects a series on the admin page, without a
// release of the app, through its own resolver keys (calendar/get, calendar/save, admins only)
// and its own KVS key; the panel, its saves and the gate follow the calendar in effect.
import type { CalendarView } from '../../../src/contract/calendar';
import type { Envelope } from '../../../src/contract/envelope';
import type { PanelData } from '../../../src/contract/panel';
import { KVS_KEYS } from '../../../src/storage/keys';
import { ADMIN, FST_LEAD, completeVetting, startLcooSite, unwrap, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(120_000);

let site: LcooSite;
beforeAll(async () => {
  site = await startLcooSite();
});
afterAll(async () => site?.stop());

const admin = (key: string, payload: unknown, asEmail = ADMIN) =>
  site.sb.host.invoke('lcoo-admin', key, payload, { asEmail }) as Promise<Envelope<CalendarView>>;
const fieldErrorsOf = (res: Envelope<unknown>) =>
  (res as { error: { details: { fieldErrors: Record<string, string> } } }).error.details.fieldErrors;
const kvsValue = (key: string) => (site.sb.host.raw.kvs.handle('/api/v1/get', { key }).body as { value?: unknown } | undefined)?.value;

const JUNIPER = {
  version: '2027.2',
  name: 'Juniper',
  firstReleaseDate: '2027-09-29',
  milestones: { 'milestone-1': '2027-05-13', 'milestone-2': '2027-07-01', 'milestone-3': '2027-08-26', rc1: '2027-09-06' },
  note: 'Example entry for the test',
};

test('calendar/get shows the built-in series and the next one by number, for administrators only', async () => {
  const view = unwrap<CalendarView>(await admin('calendar/get', {}));
  expect(view.source).toBe('built-in');
  const byId = new Map(view.series.map((s) => [s.id, s]));
  expect(byId.get('indri')).toMatchObject({ label: '2027.1 Indri', firstReleaseDate: '2027-03-24', open: true, source: 'built-in' });
  expect(byId.get('epoxy')).toMatchObject({ status: 'unmaintained', statusSince: '2026-10-02', open: false });
  expect(byId.get('2027.2')).toMatchObject({ label: '2027.2', estimated: true, source: 'projected', open: true });
  for (const key of ['calendar/get', 'calendar/save']) {
    expect(await admin(key, { version: 1, series: [] }, FST_LEAD)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
});

test('a refused save says what is wrong beside each field, and saves nothing', async () => {
  const res = await admin('calendar/save', {
    version: 1,
    series: [
      { version: '2027.2', name: 'juniper', firstReleaseDate: '2027-09-29' },
      { version: '2028', firstReleaseDate: '2028-03-01' },
    ],
  });
  expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(fieldErrorsOf(res)).toEqual({
    'series.0.name': 'A series name is one capitalised word, e.g. "Indri".',
    'series.1.version': 'A series number is the year and 1 or 2, e.g. 2027.2.',
  });
  const crossed = await admin('calendar/save', { version: 1, series: [{ ...JUNIPER, firstReleaseDate: '2027-02-01' }] });
  expect(fieldErrorsOf(crossed)['series.0.firstReleaseDate']).toBe('2027.2 must release after 2027.1 (2027-03-24).');
  expect(kvsValue(KVS_KEYS.releaseCalendar)).toBeUndefined();
});

describe('with the next series named and scheduled by an administrator', () => {
  let item: string;
  let deliverable: string;
  beforeAll(async () => {
    const configBefore = kvsValue(KVS_KEYS.config);
    const view = unwrap<CalendarView>(await admin('calendar/save', { version: 1, series: [JUNIPER] }));
    expect(view.series.find((s) => s.id === '2027.2')).toMatchObject({ label: '2027.2 Juniper', source: 'admin', estimated: false });
    // Its own key: the app configuration is not touched.
    expect(kvsValue(KVS_KEYS.config)).toEqual(configBefore);
    expect(kvsValue(KVS_KEYS.releaseCalendar)).toMatchObject({ series: [JUNIPER], updatedBy: site.sb.host.accountIdOf(ADMIN) });
    item = await site.createIssue('Roadmap Item', 'Targets the next series');
    deliverable = await site.createIssue('Upstream Deliverable', 'Lands in the next series');
  });

  test('the panel offers it for targeting, with its milestones', async () => {
    const data = await site.ok('panel/load', {}, ADMIN, item);
    const next = data.options.releasesOpen.find((r) => r.id === '2027.2');
    expect(next).toMatchObject({ label: '2027.2 Juniper', firstReleaseDate: '2027-09-29', estimated: false });
    expect(next?.milestones.map((m) => m.label)).toEqual([
      'Juniper-1',
      'Juniper-2',
      'Juniper-3',
      'Feature freeze',
      'RC1 target week',
      'Final release',
    ]);
    const saved = await site.ok(
      'vetting/save',
      { revision: null, vetting: { ...completeVetting(), targetRelease: '2027.2' } },
      FST_LEAD,
      item,
    );
    expect(saved.checklist?.completed).toBe(12);
  });

  test("a deliverable's milestone must be one of the schedule's, on its date", async () => {
    const wrong = (await site.call<PanelData>(
      'delivery/save',
      { revision: null, delivery: { project: 'Nova', milestone: { releaseId: '2027.2', label: 'Juniper-2', date: '2027-09-29' } } },
      FST_LEAD,
      deliverable,
    )) as Envelope<PanelData>;
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(fieldErrorsOf(wrong)).toEqual({ 'delivery.milestone': 'Juniper-2 of 2027.2 Juniper is on 2027-07-01, not 2027-09-29.' });
    const ok = await site.ok(
      'delivery/save',
      { revision: null, delivery: { project: 'Nova', milestone: { releaseId: '2027.2', label: 'Juniper-2', date: '2027-07-01' } } },
      FST_LEAD,
      deliverable,
    );
    expect(ok.delivery?.data?.milestone).toMatchObject({ releaseId: '2027.2', label: 'Juniper-2', date: '2027-07-01' });
  });

  test('a stored value that no longer parses is set aside with a sentence, and the built-in calendar applies', async () => {
    site.sb.host.raw.kvs.handle('/api/v1/set', { key: KVS_KEYS.releaseCalendar, value: { version: 1, series: 'nonsense' } });
    try {
      const view = unwrap<CalendarView>(await admin('calendar/get', {}));
      expect(view).toMatchObject({
        source: 'invalid-stored',
        problem: expect.stringMatching(/^The saved release calendar entries can't be used/),
      });
      const data = await site.ok('panel/load', {}, ADMIN, item);
      expect(data.options.releasesOpen.find((r) => r.id === '2027.2')?.label).toBe('2027.2');
    } finally {
      unwrap(await admin('calendar/save', { version: 1, series: [JUNIPER] }));
    }
  });
});
