import type { VersionItem } from './version';

/**
 * What changed between two published versions (default: a version and the one published just
 * before it): items added and dropped, stage moves, retargeted releases, rank changes, and targets
 * that slipped since, and the committee's decisions changed (target release, delivery strategy). Items are matched by issue id (a key may change when an issue moves).
 */
export const CHANGE_KINDS = ['added', 'dropped', 'stage', 'retargeted', 'rank', 'slipped', 'decided'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ItemChange {
  id: string;
  key: string;
  summary: string;
  changes: ChangeKind[];
  stage: { from?: string; to?: string };
  release: { from?: string; to?: string };
  rank: { from?: number; to?: number };
  /** The committee's decisions as each version holds them (for the 'decided' change). */
  decisions: { from?: VersionItem['decisions']; to?: VersionItem['decisions'] };
  /** Slipped in the later version (and not in the earlier one, for the 'slipped' change). */
  slipped: boolean;
}

export interface VersionDiff {
  /** Every item with at least one change, in the later version's order, then the dropped ones in the earlier's. */
  changed: ItemChange[];
  counts: Record<ChangeKind, number>;
  unchanged: number;
}

export function compareVersions(from: readonly VersionItem[], to: readonly VersionItem[]): VersionDiff {
  const before = new Map(from.map((i) => [i.id, i]));
  const after = new Set(to.map((i) => i.id));
  const changed: ItemChange[] = [];
  let unchanged = 0;
  for (const now of to) {
    const was = before.get(now.id);
    const changes: ChangeKind[] = [];
    if (!was) changes.push('added');
    else {
      if (was.stage !== now.stage) changes.push('stage');
      if ((was.releaseId ?? '') !== (now.releaseId ?? '')) changes.push('retargeted');
      if (was.rank !== now.rank) changes.push('rank');
      if (now.slipped && !was.slipped) changes.push('slipped');
      if (
        (was.decisions?.targetRelease ?? '') !== (now.decisions?.targetRelease ?? '') ||
        (was.decisions?.deliveryStrategy ?? '') !== (now.decisions?.deliveryStrategy ?? '')
      )
        changes.push('decided');
    }
    if (changes.length === 0) {
      unchanged += 1;
      continue;
    }
    changed.push({
      id: now.id,
      key: now.key,
      summary: now.summary,
      changes,
      stage: { ...(was ? { from: was.stage } : {}), to: now.stage },
      release: { ...(was?.release ? { from: was.release } : {}), ...(now.release ? { to: now.release } : {}) },
      rank: { ...(was?.rank ? { from: was.rank } : {}), ...(now.rank ? { to: now.rank } : {}) },
      decisions: { ...(was?.decisions ? { from: was.decisions } : {}), ...(now.decisions ? { to: now.decisions } : {}) },
      slipped: now.slipped,
    });
  }
  for (const was of from) {
    if (after.has(was.id)) continue;
    changed.push({
      id: was.id,
      key: was.key,
      summary: was.summary,
      changes: ['dropped'],
      stage: { from: was.stage },
      release: was.release ? { from: was.release } : {},
      rank: was.rank ? { from: was.rank } : {},
      decisions: was.decisions ? { from: was.decisions } : {},
      slipped: was.slipped,
    });
  }
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, changed.filter((c) => c.changes.includes(k)).length])) as Record<
    ChangeKind,
    number
  >;
  return { changed, counts, unchanged };
}
