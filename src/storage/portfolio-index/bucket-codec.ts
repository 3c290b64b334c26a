// A bucket of the portfolio index as one custom-entity value: the slim rows of the issues
// whose id falls in it, packed so that a gadget load reads the whole portfolio in one batch
// (Forge caps a value at 240 KiB and a batch at 25 keys). Every string repeats through one
// dictionary per bucket; a row is a tuple of small numbers, its key and its summary's start.
import { z } from 'zod';
import { INTEGRITY_STATES } from '../../domain/gates';
import { PORTFOLIO_STAGES, STAGES, type Stage } from '../../domain/lifecycle';
import type { SlimRow } from '../../domain/portfolio-index';
import { ITEM_TYPES, SIZES } from '../../domain/vetting';

export const PACK_VERSION = 1;

const Tuple = z.tuple([
  z.number(), // 0 id
  z.string(), // 1 key
  z.number(), // 2 project (dictionary: "<id>:<key>")
  z.number(), // 3 stage
  z.number(), // 4 next stage, -1 none
  z.number(), // 5 fst (dictionary), -1
  z.number(), // 6 type, -1
  z.number(), // 7 size, -1
  z.number(), // 8 release (dictionary), -1
  z.array(z.number()), // 9 companies (dictionary)
  z.number(), // 10 interested: bit i set for companies[i]
  z.array(z.number()), // 11 people per company
  z.number(), // 12 completed, -1 (deliverable)
  z.number(), // 13 integrity
  z.number(), // 14 blocker count
  z.string(), // 15 parent key, '' none
  z.string(), // 16 summary start, lower case
  z.number(), // 17 security level (dictionary), -1
  z.number(), // 18 updated, epoch seconds
  z.number(), // 19 generation of the index that wrote it (a rebuild sweeps older ones)
]);

export const PackedBucketSchema = z.object({ v: z.literal(PACK_VERSION), s: z.array(z.string()), r: z.array(Tuple) });
export type PackedBucket = z.infer<typeof PackedBucketSchema>;

/** `generation(row)`: the index generation each row was written in. */
export function encodeBucket(rows: readonly SlimRow[], generation: (row: SlimRow) => number): PackedBucket {
  const s: string[] = [];
  const at = new Map<string, number>();
  const ref = (v: string | undefined): number => {
    if (v === undefined) return -1;
    let i = at.get(v);
    if (i === undefined) {
      i = s.push(v) - 1;
      at.set(v, i);
    }
    return i;
  };
  const r = rows.map((row): z.infer<typeof Tuple> => {
    let mask = 0;
    row.companies.forEach((c, i) => {
      if (i < 31 && row.interested.includes(c)) mask |= 1 << i;
    });
    return [
      Number(row.id),
      row.key,
      ref(`${row.projectId}:${row.projectKey}`),
      STAGES.indexOf(row.stage),
      row.next ? STAGES.indexOf(row.next) : -1,
      ref(row.fst),
      row.type ? ITEM_TYPES.indexOf(row.type) : -1,
      row.size ? SIZES.indexOf(row.size) : -1,
      ref(row.releaseId),
      row.companies.map((c) => ref(c)),
      mask,
      row.people,
      row.completed ?? -1,
      INTEGRITY_STATES.indexOf(row.integrity),
      row.blockerCount,
      row.parentKey ?? '',
      row.sortSummary,
      ref(row.securityLevel),
      Math.round(row.updated / 1000),
      generation(row),
    ];
  });
  return { v: PACK_VERSION, s, r };
}

/** The generation each row of a bucket was written in, by issue id. */
export function generationsOf(packed: PackedBucket): Map<string, number> {
  return new Map(packed.r.map((t) => [String(t[0]), t[19]]));
}

/** Every row is built with the same properties in the same order: one object shape for the query that reads them all. */
export function decodeBucket(packed: PackedBucket): SlimRow[] {
  const { s } = packed;
  const str = (i: number): string | undefined => (i < 0 ? undefined : s[i]);
  return packed.r.map((t): SlimRow => {
    const project = str(t[2]) ?? ':';
    const colon = project.indexOf(':');
    const companies = t[9].map((i) => s[i] ?? '');
    return {
      id: String(t[0]),
      key: t[1],
      projectId: project.slice(0, colon),
      projectKey: project.slice(colon + 1),
      lifecycle: t[3] < PORTFOLIO_STAGES.length ? 'portfolio' : 'delivery',
      stage: STAGES[t[3]] as Stage,
      next: t[4] >= 0 ? STAGES[t[4]] : undefined,
      fst: str(t[5]),
      type: t[6] >= 0 ? ITEM_TYPES[t[6]] : undefined,
      size: t[7] >= 0 ? SIZES[t[7]] : undefined,
      releaseId: str(t[8]),
      companies,
      interested: companies.filter((_, i) => i < 31 && (t[10] & (1 << i)) !== 0),
      people: t[11],
      completed: t[12] >= 0 ? t[12] : undefined,
      integrity: INTEGRITY_STATES[t[13]] ?? 'unreadable',
      blockerCount: t[14],
      parentKey: t[15] !== '' ? t[15] : undefined,
      sortSummary: t[16],
      securityLevel: str(t[17]),
      updated: t[18] * 1000,
    };
  });
}
