// Pure display helpers of the gadget (unit-tested in test/unit/gadget/format.test.ts). The
// words come from the resolver's GadgetVocabulary: the bundle imports no domain code.
import type { GadgetVocabulary, NamedOption } from '../../../src/contract/gadget';

/** The domain's label for rows/columns without an FST or release (NONE_LABEL). */
export const NONE = '(none)';

export interface Names {
  stage: (id: string) => string;
  /** Which lifecycle a stage belongs to (rows do not carry it). */
  lifecycle: (stage: string) => 'portfolio' | 'delivery';
  release: (id: string | undefined) => string;
  type: (id: string | undefined) => string;
  fst: (id: string) => string;
  company: (id: string) => string;
  /** Sort positions: lifecycle order for stages, oldest first for releases (none last). */
  stageOrder: (id: string) => number;
  releaseOrder: (id: string | undefined) => number;
}

/** A configured display name for an id; unknown ids show as stored. */
export function nameOf(options: readonly NamedOption[], id: string): string {
  return options.find((o) => o.id === id)?.name ?? id;
}

export function makeNames(vocab: GadgetVocabulary, labels: { fsts: NamedOption[]; companies: NamedOption[] }): Names {
  const stages = new Map(vocab.stages.map((s, i) => [s.id as string, { label: s.label, order: i, lifecycle: s.lifecycle }]));
  const releases = new Map(vocab.releases.map((r, i) => [r.id, { label: r.label, order: i }]));
  const types = new Map(vocab.types.map((t) => [t.id as string, t.label]));
  const fsts = new Map(labels.fsts.map((f) => [f.id, f.name]));
  const companies = new Map(labels.companies.map((c) => [c.id, c.name]));
  return {
    stage: (id) => stages.get(id)?.label ?? id,
    lifecycle: (stage) => stages.get(stage)?.lifecycle ?? 'portfolio',
    release: (id) => (id === undefined ? '' : id === NONE ? 'No release' : (releases.get(id)?.label ?? id)),
    type: (id) => (id === undefined ? '' : (types.get(id) ?? id)),
    fst: (id) => (id === NONE ? 'No FST' : (fsts.get(id) ?? id)),
    company: (id) => companies.get(id) ?? id,
    stageOrder: (id) => stages.get(id)?.order ?? 99,
    releaseOrder: (id) => (id === undefined || id === NONE ? 999 : (releases.get(id)?.order ?? 998)),
  };
}

/** 0 for nothing, then four even steps of the largest value: the heat-map shade. */
export function heatLevel(value: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4))) as 1 | 2 | 3 | 4;
}

/** Sorts LCOO-9 before LCOO-10: project key, then the issue number padded. */
export function issueKeySortKey(key: string): string {
  const m = /^(.*)-(\d+)$/.exec(key);
  return m ? `${m[1]}-${m[2]!.padStart(9, '0')}` : key;
}

/** "3 min ago" style age of the data, so a committee knows how fresh the screen is. */
export function ageLabel(fetchedAt: string, now: number): string {
  const at = Date.parse(fetchedAt);
  if (!Number.isFinite(at)) return '';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  return `${Math.round(m / 60)} h ago`;
}

/** Splits "LCOO, net ,ops" typed in the edit view into keys; the resolver's schema validates each. */
export function splitProjectKeys(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((k) => k.trim().toUpperCase())
    .filter((k) => k.length > 0);
}

/** True when any filter narrows the portfolio. */
export function hasFilters(f: Record<string, unknown>): boolean {
  return Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v === true));
}
