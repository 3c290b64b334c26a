// Records written outside the app: anyone who can edit an issue can PUT its property through
// raw REST. The panel must say so, never count such a record as complete, never show its
// approvals as given, and never crash on whatever the property holds.
import { ADMIN, FST_LEAD, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

// Each file boots its own sandbox (bundling the app, SQLite, the web server): more than jest's 5 s default.
jest.setTimeout(60_000);

let p: LcooSite;
beforeAll(async () => {
  p = await startLcooSite();
});
afterAll(() => p?.stop());

type Stored = {
  schemaVersion: number;
  data: Record<string, unknown>;
  index: Record<string, unknown>;
  meta: { revision: number; updatedAt: string; updatedBy: string };
  sig?: string;
};

async function stored(key: string): Promise<Stored> {
  const r = await p.rest('GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, ADMIN);
  return (r.body as { value: Stored }).value;
}
const put = (key: string, value: unknown) => p.rest('PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, ADMIN, value);

describe('a record modified outside the LCOO app', () => {
  test('an edited value under the old signature reads as modified-outside-app and is never complete', async () => {
    const key = await p.createIssue('Roadmap Item', 'Tampered item');
    await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
    const s = await stored(key);
    expect((await put(key, { ...s, data: { ...s.data, valueToMembers: 'Edited through REST' } })).status).toBeLessThan(300);

    const data = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(data.vetting?.integrity).toBe('modified-outside-app');
    expect(data.vetting?.problem).toMatch(/changed this record directly in Jira/);
    expect(data.vetting?.data?.valueToMembers).toBe('Edited through REST');
    // Every answer is there, yet it does not count.
    expect(data.checklist?.completed).toBe(12);
    expect(data.checklistComplete).toBe(false);
    expect(data.readiness[0]?.pass).toBe(false);
    expect(data.readiness[0]?.missing[0]).toEqual({
      requirement: 'integrity',
      message: 'The LCOO record was modified outside the LCOO app; re-save it from the LCOO panel.',
    });
  });

  test('a fabricated record claiming both prioritizations shows no approvals, and a save never carries them over', async () => {
    const key = await p.createIssue('Roadmap Item', 'Forged item');
    const at = new Date().toISOString();
    const forged = {
      schemaVersion: 2,
      data: {
        ...completeVetting(),
        approvals: [
          { role: 'fst-prioritization', accountId: 'forger', displayName: 'Forger', at },
          { role: 'lrc-prioritization', accountId: 'forger', displayName: 'Forger', at },
        ],
      },
      index: { completeness: 100, integrity: 'valid', stage: 'vetting-backlog' },
      meta: { revision: 7, updatedAt: at, updatedBy: 'forger' },
      sig: 'f'.repeat(64),
    };
    expect((await put(key, forged)).status).toBeLessThan(300);

    const data = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(data.vetting?.integrity).toBe('modified-outside-app');
    expect(data.vetting?.revision).toBe(7);
    expect(data.checklistComplete).toBe(false);
    expect(data.approvals.given).toEqual([]);

    // Approving a record nobody vouched for is refused.
    const approve = await p.call('approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: 7 }, FST_LEAD, key);
    expect(!approve.ok && approve.error.code).toBe('INTEGRITY');

    // The FST lead checks the values and re-saves: the record is signed again, the claimed approvals are gone.
    const saved = await p.ok('vetting/save', { revision: 7, vetting: completeVetting() }, FST_LEAD, key);
    expect(saved.vetting).toMatchObject({ integrity: 'valid', revision: 8 });
    expect(saved.vetting?.data?.approvals).toBeUndefined();
    expect(saved.approvals.given).toEqual([]);
    expect((await stored(key)).data['approvals']).toBeUndefined();
  });

  test('an older, validly signed copy replayed through REST is caught as well', async () => {
    const key = await p.createIssue('Roadmap Item', 'Replayed item');
    await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
    const first = await stored(key);
    await p.ok('vetting/save', { revision: 1, vetting: { ...completeVetting(), size: 'S' } }, FST_LEAD, key);
    await put(key, first);
    const data = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(data.vetting?.integrity).toBe('modified-outside-app');
    expect(data.checklistComplete).toBe(false);
  });
});

describe('garbage in the property never crashes panel/load', () => {
  const garbage: [string, unknown][] = [
    ['a string', 'hello'],
    ['a number', 42],
    ['a list', [1, 2, 3]],
    ['an object without meta', { schemaVersion: 2, data: completeVetting() }],
    [
      'an unknown schema version',
      { schemaVersion: 2, data: { schemaVersion: 99 }, index: {}, meta: { revision: 3, updatedAt: 'x', updatedBy: 'y' } },
    ],
    [
      'wrong types everywhere',
      {
        schemaVersion: 2,
        data: { schemaVersion: 2, requirements: 'not a list', components: [{}], size: 'XXL' },
        meta: { revision: 2, updatedAt: 'x', updatedBy: 'y' },
      },
    ],
    ['deep nesting', JSON.parse(`${'{"a":'.repeat(60)}1${'}'.repeat(60)}`)],
  ];

  test.each(garbage)('%s: unreadable, explained, and a save replaces it', async (_name, value) => {
    const key = await p.createIssue('Roadmap Item', `Garbage: ${_name}`);
    expect((await put(key, value)).status).toBeLessThan(300);
    const data = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(data.vetting?.integrity).toBe('unreadable');
    expect(data.vetting?.problem).toMatch(/Saving from this panel replaces it/);
    expect(data.vetting?.data).toBeUndefined();
    expect(data.checklist?.completed).toBe(0);
    expect(data.checklistComplete).toBe(false);
    expect(data.readiness[0]?.pass).toBe(false);

    const saved = await p.ok('vetting/save', { revision: data.vetting?.revision ?? null, vetting: completeVetting() }, FST_LEAD, key);
    expect(saved.vetting?.integrity).toBe('valid');
    expect(saved.checklistComplete).toBe(true);
  });
});
