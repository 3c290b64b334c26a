// Issue 14.5 through the sandbox: a person maps their own Gerrit account (by email or username,
// looked up on the Gerrit emulator), changes and removes it; not found, several matches and an
// unreachable Gerrit are answered with sentences and leave the mapping as it was; nobody sets
// another person's mapping. The deliverable's panel then names the LCOO person and company beside
// their Code-Review +2, with the member-company sentence, at one more storage call per load.
import type { PanelData } from '../../../src/contract/panel';
import { LCOO_CORES, OTHER_ACCOUNTS } from '../../../sandbox/gerrit/seed';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { COORDINATOR, FST_LEAD, SECOND_CORE, VIEWER, panel, rest, unwrap } from '../../support/lcoo-site';

let sb: TestSandbox;
let key: string;
let change: number;
const FARAH = LCOO_CORES[0]!;

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  const res = await rest(sb, FST_LEAD, 'POST', '/rest/api/3/search/jql', {
    jql: 'project = LCOO AND issuetype = "Upstream Deliverable" AND status = "Coding In Progress"',
    fields: ['summary'],
    maxResults: 1,
  });
  key = (res.body as { issues: { key: string }[] }).issues[0]!.key;
  const data = unwrap<PanelData>(await panel(sb, FST_LEAD, key, 'panel/load', {}));
  change = data.delivery!.data!.changes![0]!.number;
  // Farah Stein is a core upstream too: her +2, read into the signed record by a refresh.
  sb.gerrit.store.vote(change, 'Code-Review', FARAH, 2);
  unwrap<PanelData>(await panel(sb, FST_LEAD, key, 'delivery/refresh-upstream', {}));
}, 240_000);
afterAll(() => sb?.stop());

const save = (email: string, payload: unknown) => panel(sb, email, key, 'gerrit-account/save', payload);
const farahLine = (d: PanelData) =>
  d.gerritPeople!.cores.find((c) => c.number === change)!.cores.find((v) => v.gerrit.id === FARAH._account_id);

describe("people's Gerrit accounts", () => {
  test('before mapping: the voter shows by Gerrit name only, and a load costs one storage read more than before (5 Jira calls, 15 points, 6 storage)', async () => {
    const c = sb.host.raw.counter;
    c.jira = 0;
    c.storage = 0;
    sb.emulator.rateLimits.resetPoints();
    const data = unwrap<PanelData>(await panel(sb, FST_LEAD, key, 'panel/load', {}));
    // Measured on the same deliverable before issue 14.5: 5 Jira calls (15 points), 5 storage calls.
    expect({ jira: c.jira, points: sb.emulator.rateLimits.points().app, storage: c.storage }).toEqual({ jira: 5, points: 15, storage: 6 });
    expect(data.gerritPeople!.me).toBeUndefined();
    expect(data.gerritPeople!.myCompanies).toEqual([{ id: 'att', name: 'AT&T' }]);
    expect(farahLine(data)).toEqual({ gerrit: { id: FARAH._account_id, name: FARAH.name, username: FARAH.username } });
    expect(data.gerritPeople!.sentence).toMatch(/^\d cores? voted \+2; /);
  });

  test('map by email: the account is looked up on Gerrit, the company comes from her Jira group, the panel names her', async () => {
    const data = unwrap<PanelData>(await save(FST_LEAD, { account: 'FST-Lead@lcoo.example' }));
    expect(data.gerritAccountProblem).toBeUndefined();
    expect(data.gerritPeople!.me).toMatchObject({
      gerrit: { id: FARAH._account_id, name: 'Farah Stein', username: 'fstein', email: 'fst-lead@lcoo.example' },
      company: { id: 'att', name: 'AT&T', source: 'group' },
    });
    expect(farahLine(data)!.person).toMatchObject({
      displayName: 'Farah Stein (Networking FST lead)',
      company: { name: 'AT&T', source: 'group' },
    });
    expect(data.gerritPeople!.sentence).toMatch(/from (a )?member compan(y|ies) \((.*, )?AT&T(, .*)?\)$/);
    // Anyone's panel shows it (it is read from the one stored map, not from the viewer).
    const asOther = unwrap<PanelData>(await panel(sb, COORDINATOR, key, 'panel/load', {}));
    expect(farahLine(asOther)!.person!.company!.name).toBe('AT&T');
    expect(asOther.gerritPeople!.me).toBeUndefined();
  });

  test('a company that is not hers is refused: her Jira groups say AT&T', async () => {
    const refused = await save(FST_LEAD, { account: 'fstein', company: 'orange' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', details: { fieldErrors: { company: expect.stringContaining('AT&T') } } },
    });
  });

  test('not found and several matches are refused at the field; the mapping stays', async () => {
    const none = await save(FST_LEAD, { account: 'nobody@example.org' });
    expect(none).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        details: { fieldErrors: { account: expect.stringMatching(/has no active account with the email nobody@example.org/) } },
      },
    });
    const several = await save(FST_LEAD, { account: 'sam.lee@example' });
    expect(several).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((several as { error: { message: string } }).error.message).toContain(
      '2 Gerrit accounts match the email sam.lee@example (Sam Lee (slee), Sam Lee (samlee-au))',
    );
    const data = unwrap<PanelData>(await panel(sb, FST_LEAD, key, 'panel/load', {}));
    expect(data.gerritPeople!.me!.gerrit.id).toBe(FARAH._account_id);
  });

  test('Gerrit unreachable: the old mapping is kept and the answer says so', async () => {
    sb.gerrit.setMode({ kind: 'unreachable' });
    try {
      const data = unwrap<PanelData>(await save(FST_LEAD, { account: 'slee' }));
      expect(data.gerritAccountProblem).toMatch(
        /^Gerrit could not be reached .*Your Gerrit account was not changed: it is still Farah Stein \(fstein\)\. Try again later\.$/,
      );
      expect(data.gerritPeople!.me!.gerrit.id).toBe(FARAH._account_id);
    } finally {
      sb.gerrit.setMode({ kind: 'ok' });
    }
  });

  test("nobody sets another person's mapping: the payload cannot name an account, and Kenji's seeded claim stays his", async () => {
    const kenji = sb.host.accountIdOf(SECOND_CORE);
    const refused = await save(FST_LEAD, { account: 'slee', accountId: kenji });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const asKenji = unwrap<PanelData>(await panel(sb, SECOND_CORE, key, 'panel/load', {}));
    expect(asKenji.gerritPeople!.me).toMatchObject({ gerrit: { id: LCOO_CORES[1]!._account_id }, company: { id: 'ntt', source: 'group' } });
  });

  test('remap by username, then remove: the vote goes back to the Gerrit name alone', async () => {
    const remapped = unwrap<PanelData>(await save(FST_LEAD, { account: OTHER_ACCOUNTS[0]!.username }));
    expect(remapped.gerritPeople!.me!.gerrit).toMatchObject({ id: OTHER_ACCOUNTS[0]!._account_id, username: 'slee' });
    expect(farahLine(remapped)!.person).toBeUndefined();
    const removed = unwrap<PanelData>(await panel(sb, FST_LEAD, key, 'gerrit-account/remove', {}));
    expect(removed.gerritPeople!.me).toBeUndefined();
    // Removing again is a no-op, not an error; Kenji's claim is untouched.
    unwrap<PanelData>(await panel(sb, FST_LEAD, key, 'gerrit-account/remove', {}));
    const asKenji = unwrap<PanelData>(await panel(sb, SECOND_CORE, key, 'panel/load', {}));
    expect(asKenji.gerritPeople!.me!.gerrit.id).toBe(LCOO_CORES[1]!._account_id);
  });

  test('a person in no company group states their company, shown as stated', async () => {
    const data = unwrap<PanelData>(await save(VIEWER, { account: 'sam.lee@example.org', company: 'orange' }));
    expect(data.gerritPeople!.myCompanies).toEqual([]);
    expect(data.gerritPeople!.me).toMatchObject({
      company: { id: 'orange', name: 'Orange', source: 'stated' },
    });
    // The exact address wins over the longer one it is a prefix of (email: matches prefixes).
    expect(data.gerritPeople!.me!.gerrit).toMatchObject({ id: OTHER_ACCOUNTS[0]!._account_id, username: 'slee' });
  });
});
