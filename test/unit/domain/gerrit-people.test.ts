// Issue 14.5, the pure rules: which cores who voted +2 are LCOO people (by the Gerrit account id
// each person claims), the member-company sentence, which account a lookup names, and where a
// person's company comes from.
import {
  coresWithPeople,
  decideCompany,
  memberCompanySentence,
  pickAccount,
  lookupOf,
  companiesOfGroups,
  GerritPeopleSchema,
  type GerritPeople,
} from '../../../src/domain/gerrit-people';
import type { UpstreamChange } from '../../../src/domain/upstream';

const COMPANIES = [
  { id: 'att', name: 'AT&T', groups: ['lcoo-company-att'] },
  { id: 'ntt', name: 'NTT', groups: ['lcoo-company-ntt'] },
  { id: 'orange', name: 'Orange', groups: ['lcoo-company-orange'] },
];
const at = '2026-11-30T10:00:00.000Z';
const ana = { id: 9100, name: 'Ana Castro', username: 'acastro' };
const farah = { id: 9110, name: 'Farah Stein', username: 'fstein' };
const kenji = { id: 9111, name: 'Kenji Tanaka', username: 'ktanaka' };

const change = (number: number, votes: [typeof ana, number, number?][], status: UpstreamChange['status'] = 'MERGED'): UpstreamChange => ({
  number,
  project: 'openstack/nova',
  branch: 'master',
  status,
  votes: votes.map(([by, value, patchSet]) => ({ label: 'Code-Review', by, value, ...(patchSet ? { patchSet } : {}) })),
});

const people: GerritPeople = GerritPeopleSchema.parse({
  version: 1,
  revision: 3,
  people: {
    'acct-farah': { gerrit: { ...farah }, displayName: 'Farah Stein (Networking FST lead)', company: { id: 'att', source: 'group' }, at },
    'acct-kenji': { gerrit: { ...kenji }, displayName: 'Kenji Tanaka (NTT)', company: { id: 'ntt', source: 'stated' }, at },
  },
});

describe('matching the cores who voted +2 to mapped LCOO people', () => {
  test('a voter is matched by the Gerrit account id a person claims; others keep their Gerrit name only', () => {
    const [c] = coresWithPeople(
      [
        change(1, [
          [ana, 2],
          [farah, 2],
          [kenji, 1],
        ]),
      ],
      people,
      COMPANIES,
    );
    expect(c!.cores).toEqual([
      { gerrit: ana },
      {
        gerrit: farah,
        person: {
          accountId: 'acct-farah',
          displayName: 'Farah Stein (Networking FST lead)',
          company: { id: 'att', name: 'AT&T', source: 'group' },
        },
      },
    ]);
  });

  test("a core's +2 replaced by a later -1 is no +2; two +2s from one account on two patch sets are one core", () => {
    const [c] = coresWithPeople(
      [
        change(1, [
          [farah, 2, 1],
          [farah, -1, 2],
          [kenji, 2, 1],
          [kenji, 2, 3],
        ]),
      ],
      people,
      COMPANIES,
    );
    expect(c!.cores.map((v) => v.gerrit.id)).toEqual([kenji.id]);
  });

  test('a company no longer configured is not a member company (the person is still named)', () => {
    const [c] = coresWithPeople(
      [change(1, [[kenji, 2]])],
      people,
      COMPANIES.filter((x) => x.id !== 'ntt'),
    );
    expect(c!.cores[0]!.person).toEqual({ accountId: 'acct-kenji', displayName: 'Kenji Tanaka (NTT)' });
  });

  test('two people claiming one account: the latest claim names the voter', () => {
    const both = GerritPeopleSchema.parse({
      ...people,
      people: { ...people.people, 'acct-other': { gerrit: { ...farah }, displayName: 'Someone Else', at: '2026-11-30T11:00:00.000Z' } },
    });
    const [c] = coresWithPeople([change(1, [[farah, 2]])], both, COMPANIES);
    expect(c!.cores[0]!.person).toEqual({ accountId: 'acct-other', displayName: 'Someone Else' });
  });
});

describe('the member-company sentence', () => {
  const sentence = (changes: UpstreamChange[], p: GerritPeople = people) =>
    memberCompanySentence(changes, coresWithPeople(changes, p, COMPANIES));

  test('"2 cores voted +2; one is from a member company (AT&T)"', () => {
    expect(
      sentence([
        change(1, [
          [ana, 2],
          [farah, 2],
        ]),
      ]),
    ).toBe('2 cores voted +2; one is from a member company (AT&T)');
  });
  test('each core counts once across the changes; both from member companies', () => {
    expect(
      sentence([
        change(1, [
          [farah, 2],
          [kenji, 2],
        ]),
        change(2, [[farah, 2]]),
      ]),
    ).toBe('2 cores voted +2; both are from member companies (AT&T, NTT)');
  });
  test('none of the cores who voted is from a member company', () => {
    expect(
      sentence(
        [
          change(1, [
            [ana, 2],
            [farah, 2],
          ]),
        ],
        { version: 1, revision: 0, people: {} },
      ),
    ).toBe('2 cores voted +2; none of the cores who voted is from a member company');
    expect(sentence([change(1, [[ana, 2]])])).toBe('1 core voted +2; they are not from a member company');
  });
  test('an abandoned change does not count; no +2 at all is said so', () => {
    expect(sentence([change(1, [[farah, 2]], 'ABANDONED'), change(2, [[ana, 2]])])).toBe(
      '1 core voted +2; they are not from a member company',
    );
    expect(sentence([change(1, [[ana, 1]])])).toBe('No core has voted Code-Review +2 on its changes yet.');
  });
  test('three cores, two from member companies', () => {
    expect(
      sentence([
        change(1, [
          [ana, 2],
          [farah, 2],
          [kenji, 2],
        ]),
      ]),
    ).toBe('3 cores voted +2; two are from member companies (AT&T, NTT)');
  });
});

describe('which account a lookup names', () => {
  const a = { id: 1, email: 'sam.lee@example.org', username: 'slee' };
  const b = { id: 2, email: 'sam.lee@example.org.au', username: 'samlee-au' };
  test('email: an exact address wins over one it is a prefix of; a prefix alone matching two is "several"', () => {
    expect(pickAccount(lookupOf('Sam.Lee@example.org'), [a, b])).toEqual({ kind: 'one', account: a });
    expect(pickAccount(lookupOf('sam.lee@example'), [a, b])).toEqual({ kind: 'several', accounts: [a, b] });
    expect(pickAccount(lookupOf('nobody@example.org'), [])).toEqual({ kind: 'none' });
  });
  test('one answer is the account (Gerrit may hide the email from an anonymous caller)', () => {
    expect(pickAccount(lookupOf('sam@hidden.example'), [{ id: 3, username: 'sam' }])).toEqual({
      kind: 'one',
      account: { id: 3, username: 'sam' },
    });
  });
});

describe("a person's member company", () => {
  const names = COMPANIES.map(({ id, name }) => ({ id, name }));
  test("one company's group: that company, from the app's data; another pick is refused", () => {
    const mine = companiesOfGroups(COMPANIES, ['jira-users', 'lcoo-company-att']);
    expect(decideCompany(mine, undefined, names)).toEqual({ ok: true, company: { id: 'att', source: 'group' } });
    expect(decideCompany(mine, 'orange', names)).toMatchObject({ ok: false, error: expect.stringContaining('AT&T') });
  });
  test('several groups: the person picks one of them', () => {
    const mine = companiesOfGroups(COMPANIES, ['lcoo-company-att', 'lcoo-company-ntt']);
    expect(decideCompany(mine, undefined, names)).toEqual({
      ok: false,
      error: 'You are in the groups of AT&T and NTT: pick the one you work for.',
    });
    expect(decideCompany(mine, 'ntt', names)).toEqual({ ok: true, company: { id: 'ntt', source: 'group' } });
  });
  test('no group: the person may state a configured company, or none', () => {
    expect(decideCompany([], 'orange', names)).toEqual({ ok: true, company: { id: 'orange', source: 'stated' } });
    expect(decideCompany([], undefined, names)).toEqual({ ok: true });
    expect(decideCompany([], 'acme', names)).toMatchObject({ ok: false });
    expect(companiesOfGroups(COMPANIES, undefined)).toEqual([]);
  });
});
