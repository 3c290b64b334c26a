// The panel resolver's pure pieces: which issue a frame is on, how a stored record is shown,
// and which FST and company names a save may use.
import { AppError } from '../../../src/contract/envelope';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';
import { issueFromExtension } from '../../../src/modules/panel/issue-context';
import { MODIFIED_OUTSIDE_APP, recordView } from '../../../src/modules/panel/load-panel';
import { checkConfiguredNames } from '../../../src/modules/panel/save-record';
import type { Vetting } from '../../../src/domain';

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

  test('modified outside the app: shown with the warning', () => {
    const v = recordView({ state: 'present', integrity: 'modified-outside-app', data, meta, index: {} });
    expect(v.problem).toBe(MODIFIED_OUTSIDE_APP);
    expect(v.problem).toMatch(/modified outside the LCOO app/);
  });
});

describe('checkConfiguredNames', () => {
  const config = DEFAULT_APP_CONFIG;

  test('configured FSTs and companies pass', () => {
    expect(() =>
      checkConfiguredNames(
        { fst: 'Networking', collaborators: { companies: [{ company: 'NTT', interest: 'yes', people: [] }], workingGroups: [] } },
        undefined,
        config,
      ),
    ).not.toThrow();
  });

  test('an unknown FST or company is refused, naming it', () => {
    expect(() => checkConfiguredNames({ fst: 'Marketing' }, undefined, config)).toThrow(
      /"Marketing" is not one of the configured Functional Specialty Teams/,
    );
    expect(() =>
      checkConfiguredNames(
        { collaborators: { companies: [{ company: 'Acme', interest: 'no', people: [] }], workingGroups: [] } },
        undefined,
        config,
      ),
    ).toThrow(/"Acme" is not one of the configured member companies/);
  });

  test('a name the signed record already had stays saveable after an admin removed it from the configuration', () => {
    const trusted: Vetting = {
      schemaVersion: 2,
      fst: 'Edge',
      collaborators: { companies: [{ company: 'Ericsson', interest: 'yes', people: [] }], workingGroups: [] },
    };
    expect(() => checkConfiguredNames({ fst: 'Edge', collaborators: trusted.collaborators }, trusted, config)).not.toThrow();
  });
});
