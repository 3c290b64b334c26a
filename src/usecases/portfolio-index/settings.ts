// The gate settings index rows are derived with. Every writer of the index (a save, a trigger,
// the reconcile, a rebuild) derives with the SAME settings: the workflows' rules as the last
// rebuild read them (kept in the index's meta) over the admin's current settings. When either,
// or the release calendar's state (which series shipped), changes, the fingerprint changes and
// the scheduled reconcile starts a rebuild, so blockers never drift from what the gates enforce.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../records/canonical';
import { isReleased, type ReleaseCalendar } from '../../domain/releases';
import type { LoadedConfig } from '../../storage/app-config';
import type { IndexMeta } from '../../storage/portfolio-index/meta';
import { StageSchema } from '../../domain/lifecycle';
import { INDEX_ROW_VERSION } from '../../domain/portfolio-index';
import { PACK_VERSION } from '../../storage/portfolio-index/bucket-codec';
import { adminOnly, adminSettingsOf, movesFromRules, type GateRules } from '../gate-settings';

const ParsedRuleSchema = z.union([
  z.object({ ok: z.literal(true), config: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
const GateRulesSchema = z.object({
  source: z.enum(['workflow-rules', 'admin-settings']),
  note: z.string().optional(),
  moves: z.array(z.object({ to: StageSchema, from: z.union([z.literal('any'), z.array(StageSchema)]), rule: ParsedRuleSchema })),
});

/** The rules kept in the meta; the admin's settings alone (with a note) when none were read yet. */
export function rulesOf(meta: IndexMeta): GateRules {
  const parsed = GateRulesSchema.safeParse(meta.settings);
  return parsed.success
    ? parsed.data
    : adminOnly('The portfolio index has not read the workflow rules yet; blockers use the LCOO admin gate settings until it is rebuilt.');
}

export type SettingsFor = ReturnType<typeof movesFromRules>;

export const settingsForIndex = (config: LoadedConfig, rules: GateRules): SettingsFor => movesFromRules(adminSettingsOf(config), rules);

/**
 * The rule the records' JQL search values follow (domain/search-aliases.ts): a new version makes
 * the next reconcile rebuild, and the rebuild re-indexes every record (reindex-records.ts).
 */
export const SEARCH_VALUES_VERSION = 2;

/**
 * What rows depend on besides the records: the shape of a row (INDEX_ROW_VERSION) and of a bucket
 * (PACK_VERSION: a new format is written to every bucket by the rebuild it starts), the rules, the admin's gate settings, the calendar in
 * effect and which series shipped; and what the records' search values name: the FSTs', companies'
 * and series' names (a rename is re-indexed by the rebuild it starts).
 */
export function fingerprintOf(
  config: LoadedConfig,
  rules: GateRules,
  nowMs: number,
  calendar: ReleaseCalendar,
  rowVersion: number = INDEX_ROW_VERSION,
  packVersion: number = PACK_VERSION,
): string {
  const shipped = calendar.releases.filter((r) => isReleased(calendar, r.id, nowMs)).map((r) => r.id);
  const series = calendar.releases.map((r) => [r.id, r.version, r.firstReleaseDate, r.name]);
  const names = {
    version: SEARCH_VALUES_VERSION,
    fsts: config.config.fsts.map((f) => [f.id, f.name]),
    companies: config.config.companies.map((c) => [c.id, c.name]),
  };
  return createHash('sha256')
    .update(
      canonicalJson({
        rules: rules.moves,
        gate: config.config.gate,
        source: config.source,
        shipped,
        series,
        names,
        rowVersion,
        packVersion,
      }),
    )
    .digest('hex')
    .slice(0, 32);
}
