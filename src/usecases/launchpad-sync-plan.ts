// The Launchpad part of the scheduled upstream sync, planned before anything is asked (pure, no
// I/O): which deliverables' blueprints this run reads, and how, within Launchpad's own per-run
// budget. Launchpad publishes no rate limit for anonymous readers, so the app sets its own: a few
// dozen requests an hour, four at a time. A project whose linked blueprints outnumber the pages of
// its `all_specifications` collection (300 entries a page) is read by the page; any other blueprint
// by its own GET. Backoff: a source that failed is left alone for 15 min, then 30, 60 ... up to 12 h.
import type { SourceSyncState } from '../storage/upstream-sync';

/** Requests to Launchpad per run at most (pages and single blueprints together). */
export const LAUNCHPAD_MAX_REQUESTS = 40;
/** Requests to Launchpad in flight at once. */
export const LAUNCHPAD_POOL = 4;
/** Deliverables whose blueprint one run reads at most (a write each when it changed). */
export const LAUNCHPAD_MAX_DELIVERABLES = 250;
/** Launchpad's largest page (max_batch_size). */
export const LAUNCHPAD_PAGE = 300;

/** Backoff after a failed run: 15 min, 30, 60 ... up to 12 h. */
export const BACKOFF_BASE_MS = 15 * 60_000;
export const BACKOFF_MAX_MS = 12 * 3600_000;

/** Whether a source is left alone at `now` (its backoff after failed runs has not run out). */
export const inBackoff = (state: SourceSyncState, now: number): boolean =>
  state.backoffUntil !== undefined && Date.parse(state.backoffUntil) > now;

/** A source's state after a run: failures counted, backoff doubled from 15 min; a success clears both. */
export function afterRun(error: string | undefined, state: SourceSyncState, started: number): SourceSyncState {
  if (!error) return { failures: 0 };
  const failures = state.failures + 1;
  return {
    failures,
    backoffUntil: new Date(started + Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS)).toISOString(),
    lastError: error.slice(0, 400),
  };
}

/** A deliverable with a linked blueprint, and when Launchpad was last read for it (undefined: never). */
export interface BlueprintTarget {
  id: string;
  project: string;
  name: string;
  lastFetchedAt?: string | undefined;
}

export interface ProjectRead {
  project: string;
  /** `collection`: page through all_specifications; `entries`: one GET per name. */
  mode: 'collection' | 'entries';
  /** Distinct blueprint names wanted (lower case, as Launchpad names them). */
  names: string[];
  /** Requests this read is expected to cost (a collection of unknown size: its first page). */
  cost: number;
}

export interface LaunchpadPlan {
  projects: ProjectRead[];
  /** Deliverable ids, by blueprint key (`project/name`, lower case): several deliverables may link one blueprint. */
  deliverables: Map<string, string[]>;
  estimatedRequests: number;
}

export const blueprintKey = (project: string, name: string): string => `${project.toLowerCase()}/${name.toLowerCase()}`;

/** Pages of a collection of `size` entries. */
export const pagesOf = (size: number): number => Math.max(1, Math.ceil(size / LAUNCHPAD_PAGE));

/**
 * How to read `names` of a project whose collection held `size` blueprints when last read
 * (undefined: never read). Known size: by the page when that takes fewer requests. Unknown: by the
 * page when two or more names are wanted (the first page tells the size; the reader then finishes
 * with whichever costs less).
 */
export function projectRead(project: string, names: string[], size: number | undefined): ProjectRead {
  const k = names.length;
  if (size !== undefined) {
    const pages = pagesOf(size);
    return pages < k ? { project, mode: 'collection', names, cost: pages } : { project, mode: 'entries', names, cost: k };
  }
  return k >= 2 ? { project, mode: 'collection', names, cost: 1 } : { project, mode: 'entries', names, cost: k };
}

/**
 * The run's plan: targets read longest ago first (never read first), each taken while the
 * requests it adds fit in `maxRequests` (a blueprint of a project already read by the page costs
 * nothing more) and at most `maxDeliverables` deliverables.
 */
export function planLaunchpad(
  targets: readonly BlueprintTarget[],
  opts: { sizes: Record<string, number>; maxRequests?: number; maxDeliverables?: number },
): LaunchpadPlan {
  const maxRequests = opts.maxRequests ?? LAUNCHPAD_MAX_REQUESTS;
  const maxDeliverables = opts.maxDeliverables ?? LAUNCHPAD_MAX_DELIVERABLES;
  const order = (t: BlueprintTarget) => t.lastFetchedAt ?? '';
  const sorted = [...targets].sort((a, b) => order(a).localeCompare(order(b)));
  const names = new Map<string, string[]>();
  const deliverables = new Map<string, string[]>();
  const reads = new Map<string, ProjectRead>();
  let total = 0;
  let taken = 0;
  for (const t of sorted) {
    if (taken >= maxDeliverables) break;
    const project = t.project.toLowerCase();
    const key = blueprintKey(project, t.name);
    const already = deliverables.get(key);
    if (already) {
      // The blueprint is read anyway: this deliverable costs no request.
      already.push(t.id);
      taken += 1;
      continue;
    }
    const next = [...(names.get(project) ?? []), t.name.toLowerCase()];
    const read = projectRead(project, next, opts.sizes[project]);
    const added = read.cost - (reads.get(project)?.cost ?? 0);
    if (total + added > maxRequests) continue;
    total += added;
    names.set(project, next);
    reads.set(project, read);
    deliverables.set(key, [t.id]);
    taken += 1;
  }
  return { projects: [...reads.values()], deliverables, estimatedRequests: total };
}
