// The panel resolver's pure pieces: which issue a frame is on, how a stored record is shown,
// and which FST and company names a save may use.
import { AppError } from '../../../src/contract/envelope';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';
import { issueFromExtension } from '../../../src/modules/panel/issue-context';
import { INDEX_OUTSIDE_APP, MODIFIED_OUTSIDE_APP, REPLAYED, recordView } from '../../../src/modules/panel/load-panel';
import { checkConfiguredRefs } from '../../../src/usecases/record-writes/save-vetting';
import { directoryOf, type Vetting } from '../../../src/domain';

describe('issueFromExtension', () => {
  test('reads the issue the platform put in the frame context (ids may be numbers)', () => {
    expect(issueFromExtension({ type: 'jira:issuePanel', issue: { id: 10001, key: 'LCOO-1', type: 'Roadmap Item' } })).toEqual({
      id: '10001',
      key: 'LCOO-1',
    });
  });

  test.each([undefined, null, {}, { issue: {} }, { issue: { id: '1' } }, 'LCOO-1'])('refuses %p with a sentence', (ext) => {
    expect(() => issueFromExtension(ext)).toThrow(
      new AppError('BAD_REQUEST', 'The LCOO panel only works on an issue: open it from an issue view.'),
    );
  });
});

describe('recordView', () => {
  const meta = { revision: 3, updatedAt: '2026-11-25T10:00:00.000Z', updatedBy: 'acc-1', updatedByName: 'Farah' };
  const data: Vetting = { schemaVersion: 2, size: 'L' };

  test('no record: revision null, nothing else', () => {
    expect(recordView({ state: 'missing', integrity: 'missing' })).toEqual({ revision: null, integrity: 'missing' });
  });

  test('unreadable: keeps the revision to save over, says saving replaces it', () => {
    const v = recordView({ state: 'unreadable', integrity: 'unreadable', error: 'Not an LCOO record.', revision: 4 });
    expect(v).toEqual({ revision: 4, integrity: 'unreadable', problem: 'Not an LCOO record. Saving from this panel replaces it.' });
  });

  test('signed: data and who saved it, no problem', () => {
    expect(recordView({ state: 'present', integrity: 'valid', data, meta, index: {} })).toEqual({
      data,
      revision: 3,
      integrity: 'valid',
      updatedAt: meta.updatedAt,
      updatedBy: 'acc-1',
      updatedByName: 'Farah',
    });
  });

  test('modified outside the app: shown with the warning that says what gave it away', () => {
    const v = recordView({ state: 'present', integrity: 'modified-outside-app', data, meta, index: {}, outside: 'content' });
    expect(v.problem).toBe(MODIFIED_OUTSIDE_APP);
    expect(v.problem).toMatch(/changed this record directly in Jira/);
    // Said in words a person acts on: no signature or other machinery.
    expect(v.problem).not.toMatch(/signature/i);
    expect(recordView({ state: 'present', integrity: 'modified-outside-app', data, meta, index: {}, outside: 'index' }).problem).toBe(
      INDEX_OUTSIDE_APP,
    );
    expect(recordView({ state: 'present', integrity: 'modified-outside-app', data, meta, index: {}, outside: 'replayed' }).problem).toBe(
      REPLAYED,
    );
  });

  test('the last version the app saved is offered with who saved it and when', () => {
    const v = recordView({ state: 'missing', integrity: 'missing' }, { data, meta });
    expect(v.restore).toEqual({ revision: 3, updatedAt: meta.updatedAt, updatedBy: 'acc-1', updatedByName: 'Farah' });
  });
});

describe('checkConfiguredRefs', () => {
  const d = directoryOf(DEFAULT_APP_CONFIG);
  const checkConfiguredNames = (v: Vetting | Omit<Vetting, 'schemaVersion'>, trusted: Vetting | undefined) =>
    checkConfiguredRefs({ schemaVersion: 2, ...v }, trusted, d);

  test('configured FSTs and companies pass', () => {
    expect(() =>
      checkConfiguredNames(
        { fst: 'networking', collaborators: { companies: [{ company: 'ntt', interest: 'yes', people: [] }], workingGroups: [] } },
        undefined,
      ),
    ).not.toThrow();
  });

  test('an unknown FST or company is refused, naming it', () => {
    expect(() => checkConfiguredNames({ fst: 'Marketing' }, undefined)).toThrow(
      /"Marketing" is not one of the configured Functional Specialty Teams/,
    );
    expect(() =>
      checkConfiguredNames(
        { collaborators: { companies: [{ company: 'Acme', interest: 'no', people: [] }], workingGroups: [] } },
        undefined,
      ),
    ).toThrow(/"Acme" is not one of the configured member companies/);
  });

  test('a name the signed record already had stays saveable after an admin removed it from the configuration', () => {
    const trusted: Vetting = {
      schemaVersion: 2,
      fst: 'Edge',
      collaborators: { companies: [{ company: 'Ericsson', interest: 'yes', people: [] }], workingGroups: [] },
    };
    expect(() => checkConfiguredNames({ fst: 'Edge', collaborators: trusted.collaborators }, trusted)).not.toThrow();
  });

  test('a company named twice (by id and by its name) is refused: one entry per company', () => {
    expect(() =>
      checkConfiguredNames(
        {
          collaborators: {
            companies: [
              { company: 'ntt', interest: 'yes', people: [] },
              { company: 'ntt', interest: 'no', people: [] },
            ],
            workingGroups: [],
          },
        },
        undefined,
      ),
    ).toThrow(/NTT is listed twice among the collaborators/);
  });
});
