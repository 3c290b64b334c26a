import { buildStoredRecord, readRecord, type RecordKind } from '../../../src/records/stored-record';
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import { canonicalJson } from '../../../src/records/canonical';
import { VETTING_RECORD, vettingIndex } from '../../../src/records/kinds';
import { emptyVetting } from '../../../src/domain/vetting';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';

const secret = 'a'.repeat(64);
const meta = { revision: 3, updatedAt: '2026-11-25T10:00:00.000Z', updatedBy: 'acc-fst-lead', updatedByName: 'Farah Stein' };
const kind = VETTING_RECORD as RecordKind<unknown>;
const vetting = { ...emptyVetting('networking'), type: 'new' as const, size: 'M' as const };

function stored() {
  // A fresh copy each time: a test that forges the data must not change the others' record.
  return buildStoredRecord(
    secret,
    kind,
    '10001',
    structuredClone(vetting),
    vettingIndex(vetting, 'being-vetted', { nowMs: Date.parse('2026-11-25'), calendar: BUILTIN_CALENDAR }, DEFAULT_APP_CONFIG),
    meta,
  );
}

describe('signed LCOO records', () => {
  test('a record the app wrote reads back as valid with its data and revision', () => {
    const read = readRecord(VETTING_RECORD, '10001', JSON.parse(JSON.stringify(stored())), secret);
    expect(read).toMatchObject({ state: 'present', integrity: 'valid', data: vetting, meta: { revision: 3 } });
  });

  test('any edit of the data through raw REST breaks the signature', () => {
    const forged = stored();
    (forged.data as { size: string }).size = 'S';
    expect(readRecord(VETTING_RECORD, '10001', forged, secret)).toMatchObject({ state: 'present', integrity: 'modified-outside-app' });
  });

  test('forging who saved it (id or shown name), or the revision, breaks the signature too', () => {
    expect(readRecord(VETTING_RECORD, '10001', { ...stored(), meta: { ...meta, updatedBy: 'someone-else' } }, secret).integrity).toBe(
      'modified-outside-app',
    );
    expect(readRecord(VETTING_RECORD, '10001', { ...stored(), meta: { ...meta, revision: 99 } }, secret).integrity).toBe(
      'modified-outside-app',
    );
    expect(
      readRecord(VETTING_RECORD, '10001', { ...stored(), meta: { ...meta, updatedByName: 'The Roadmap Committee' } }, secret).integrity,
    ).toBe('modified-outside-app');
  });

  test('a valid record copied onto another issue is not valid there', () => {
    expect(readRecord(VETTING_RECORD, '10002', stored(), secret).integrity).toBe('modified-outside-app');
  });

  test('a signature made with another secret is not valid', () => {
    expect(readRecord(VETTING_RECORD, '10001', stored(), 'b'.repeat(64)).integrity).toBe('modified-outside-app');
  });

  test('an unsigned record written by hand is read but marked, never valid', () => {
    const { sig: _sig, ...unsigned } = stored();
    expect(readRecord(VETTING_RECORD, '10001', unsigned, secret)).toMatchObject({ state: 'present', integrity: 'modified-outside-app' });
  });

  test('garbage is unreadable with a message, missing is missing', () => {
    for (const garbage of [42, 'text', [], { data: 1 }, { schemaVersion: 2, data: {}, meta: { revision: 0 } }]) {
      const read = readRecord(VETTING_RECORD, '10001', garbage, secret);
      expect(read.state).toBe('unreadable');
      if (read.state === 'unreadable') expect(read.error).toMatch(/vetting checklist/);
    }
    expect(readRecord(VETTING_RECORD, '10001', undefined, secret)).toEqual({ state: 'missing', integrity: 'missing' });
  });

  test('the signature does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
    const s = stored();
    const reordered = {
      indexSig: s.indexSig,
      sig: s.sig,
      meta: { updatedByName: meta.updatedByName, updatedBy: meta.updatedBy, updatedAt: meta.updatedAt, revision: meta.revision },
      index: s.index,
      data: { size: 'M', type: 'new', fst: 'networking', schemaVersion: 2 },
      schemaVersion: s.schemaVersion,
    };
    expect(readRecord(VETTING_RECORD, '10001', reordered, secret).integrity).toBe('valid');
  });

  test('the search index is signed: a raw edit of it reads as modified outside the app (JQL aliases read it)', () => {
    const s = stored();
    const forged = { ...s, index: { ...s.index, completeness: 100, integrity: 'valid' } };
    expect(readRecord(VETTING_RECORD, '10001', forged, secret)).toMatchObject({ integrity: 'modified-outside-app', outside: 'index' });
    // A record written before the index was signed passes only with the index that version of the
    // app derived from its data (ids only, interested companies), whatever the app indexes today.
    const { indexSig: _sig, ...unsigned } = s;
    const legacyIndex = {
      completeness: s.index.completeness!,
      companies: [],
      integrity: 'valid',
      stage: 'being-vetted',
      type: 'new',
      size: 'M',
      fst: 'networking',
    };
    const legacy = { ...unsigned, index: legacyIndex };
    expect(readRecord(VETTING_RECORD, '10001', legacy, secret).integrity).toBe('valid');
    expect(readRecord(VETTING_RECORD, '10001', { ...legacy, index: { ...legacyIndex, fst: 'security' } }, secret)).toMatchObject({
      outside: 'index',
    });
    expect(readRecord(VETTING_RECORD, '10001', { ...legacy, index: forged.index }, secret)).toMatchObject({ outside: 'index' });
  });
});
