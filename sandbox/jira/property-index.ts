// Extracts the values of jira:entityProperty index definitions into `property_index` on
// every property write, so JQL on `issue.property[key].path` and on search aliases is an
// indexed lookup instead of a JSON scan of every issue.
import type { Db } from './db';
import type { EntityPropertyIndexDef } from './types';

export const normalisePath = (path: string): string => path.replace(/^\./, '');

/**
 * The values at a dotted path; arrays on the way are flattened, as Jira indexes each element.
 * Iterative: a property nested thousands of arrays deep must not overflow the stack.
 */
function valuesAt(value: unknown, segments: string[]): unknown[] {
  const out: unknown[] = [];
  const work: { v: unknown; i: number }[] = [{ v: value, i: 0 }];
  while (work.length > 0) {
    const { v, i } = work.pop()!;
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) work.push({ v: v[k], i });
    } else if (i === segments.length) {
      if (v !== undefined && v !== null) out.push(v);
    } else if (typeof v === 'object' && v !== null) {
      work.push({ v: (v as Record<string, unknown>)[segments[i] as string], i: i + 1 });
    }
  }
  return out;
}

/** One indexable value as Jira would store it for the declared type, or null when Jira would skip it. */
export function toIndexValue(type: EntityPropertyIndexDef['type'], v: unknown): { n: number | null; s: string | null } | null {
  switch (type) {
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) ? { n, s: null } : null;
    }
    case 'string':
    case 'text':
    case 'user':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? { n: null, s: String(v) } : null;
    case 'date': {
      const t = typeof v === 'string' || typeof v === 'number' ? new Date(v).getTime() : NaN;
      return Number.isFinite(t) ? { n: t, s: null } : null;
    }
  }
}

export function reindexProperty(db: Db, defs: EntityPropertyIndexDef[], issueId: number, propertyKey: string, value: unknown): void {
  db.prepare('DELETE FROM property_index WHERE issue_id = ? AND property_key = ?').run(issueId, propertyKey);
  if (value === undefined) return;
  const ins = db.prepare('INSERT INTO property_index (issue_id, property_key, path, n, s) VALUES (?, ?, ?, ?, ?)');
  const seen = new Set<string>();
  for (const def of defs) {
    if (def.propertyKey !== propertyKey) continue;
    const path = normalisePath(def.path);
    if (seen.has(path)) continue; // two aliases on one path index once
    seen.add(path);
    for (const raw of valuesAt(value, path.split('.'))) {
      const v = toIndexValue(def.type, raw);
      if (v) ins.run(issueId, propertyKey, path, v.n, v.s);
    }
  }
}
