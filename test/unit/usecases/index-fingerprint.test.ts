// The portfolio index's fingerprint: what makes the hourly reconcile rebuild. A row shape that
// gained fields (the scope tracker's commitments, proposer, milestone) must change it, or an index
// built before would never hold them.
import { BUILTIN_CALENDAR, DEFAULT_APP_CONFIG, INDEX_ROW_VERSION } from '../../../src/domain';
import { adminOnly } from '../../../src/usecases/gate-settings';
import { fingerprintOf } from '../../../src/usecases/portfolio-index/settings';
import { PACK_VERSION } from '../../../src/storage/portfolio-index/bucket-codec';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const config = { config: DEFAULT_APP_CONFIG, source: 'default' as const };
const rules = adminOnly('test');

test('the row shape is part of the fingerprint', () => {
  const now = fingerprintOf(config, rules, NOW, BUILTIN_CALENDAR);
  expect(fingerprintOf(config, rules, NOW, BUILTIN_CALENDAR, INDEX_ROW_VERSION)).toBe(now);
  expect(fingerprintOf(config, rules, NOW, BUILTIN_CALENDAR, INDEX_ROW_VERSION - 1)).not.toBe(now);
});

test('the bucket format is part of the fingerprint: a new format is written to every bucket by the rebuild it starts', () => {
  const now = fingerprintOf(config, rules, NOW, BUILTIN_CALENDAR);
  expect(fingerprintOf(config, rules, NOW, BUILTIN_CALENDAR, INDEX_ROW_VERSION, PACK_VERSION)).toBe(now);
  expect(fingerprintOf(config, rules, NOW, BUILTIN_CALENDAR, INDEX_ROW_VERSION, PACK_VERSION - 1)).not.toBe(now);
});
