// Carries out the Launchpad part's plan (launchpad-sync-plan.ts): a few requests at a time, never
// more than the run's request budget, none started after its deadline, and none after the first
// failure (the rest of the plan is then "could not be read", so its last evidence is marked stale,
// and the source backs off). A collection is read from its first page, which tells its size; the
// rest of its names are read by the page or one by one, whichever costs fewer requests.
import type { UpstreamBlueprint } from '../domain/upstream';
import { UpstreamError } from '../upstream/gerrit-client';
import { LAUNCHPAD_TIMEOUT_MS, readBlueprint, readSpecificationsPage, type LaunchpadDeps } from '../upstream/launchpad';
import { blueprintKey, pagesOf, type LaunchpadPlan, type ProjectRead } from './launchpad-sync-plan';

export interface LaunchpadReadOptions {
  deps?: LaunchpadDeps;
  now: () => number;
  /** No request starts after this time; each ends by `endBy` (its timeout is cut to fit). */
  deadline: number;
  endBy: number;
  maxRequests: number;
  pool: number;
}

export interface LaunchpadReadResult {
  /** What Launchpad said, by blueprint key: the blueprint, or null when it does not know it (404, not in the collection). */
  read: Map<string, UpstreamBlueprint | null>;
  /** Keys planned but not read because Launchpad failed: their last evidence is stale. */
  failed: Set<string>;
  requests: number;
  error?: string;
  /** Collection sizes learned in this run, by project. */
  sizes: Record<string, number>;
}

export async function readLaunchpadPlan(plan: LaunchpadPlan, opts: LaunchpadReadOptions): Promise<LaunchpadReadResult> {
  const read = new Map<string, UpstreamBlueprint | null>();
  const sizes: Record<string, number> = {};
  let requests = 0;
  let error: string | undefined;

  /** A request may start: budget, time and no failure so far. */
  const mayAsk = () => error === undefined && requests < opts.maxRequests && opts.now() < opts.deadline;
  const deps = (): LaunchpadDeps => ({
    ...opts.deps,
    timeoutMs: Math.max(250, Math.min(opts.deps?.timeoutMs ?? LAUNCHPAD_TIMEOUT_MS, opts.endBy - opts.now())),
  });
  const ask = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    if (!mayAsk()) return undefined;
    requests += 1;
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof UpstreamError)) throw e;
      error ??= e.message;
      return undefined;
    }
  };

  const readEntry = async (project: string, name: string) => {
    const got = await ask(() => readBlueprint({ project, name }, deps()));
    if (got) read.set(blueprintKey(project, name), got.found ? got.blueprint : null);
  };

  const readCollection = async (p: ProjectRead) => {
    const wanted = new Set(p.names);
    const take = (blueprints: UpstreamBlueprint[]) => {
      for (const b of blueprints) {
        const name = b.name.toLowerCase();
        if (wanted.delete(name)) read.set(blueprintKey(p.project, name), b);
      }
    };
    const first = await ask(() => readSpecificationsPage(p.project, 0, deps()));
    if (!first) return;
    if (!first.found) {
      // Launchpad does not know the project: none of its blueprints exists.
      for (const name of wanted) read.set(blueprintKey(p.project, name), null);
      return;
    }
    sizes[p.project] = first.page.totalSize;
    take(first.page.blueprints);
    let start = first.page.start + first.page.blueprints.length;
    let more = first.page.hasMore;
    const restPages = more ? pagesOf(first.page.totalSize - start) : 0;
    if (wanted.size > 0 && more && restPages >= wanted.size) {
      // Fewer requests one by one than by the page.
      for (const name of [...wanted]) await readEntry(p.project, name);
      return;
    }
    while (wanted.size > 0 && more) {
      const page = await ask(() => readSpecificationsPage(p.project, start, deps()));
      if (!page?.found) return;
      take(page.page.blueprints);
      start = page.page.start + page.page.blueprints.length;
      more = page.page.hasMore && page.page.blueprints.length > 0;
    }
    // The whole collection was read: a name not in it is not a blueprint of the project (or not public).
    if (!more) for (const name of wanted) read.set(blueprintKey(p.project, name), null);
  };

  const tasks: (() => Promise<void>)[] = [];
  for (const p of plan.projects) {
    if (p.mode === 'collection') tasks.push(() => readCollection(p));
    else for (const name of p.names) tasks.push(() => readEntry(p.project, name));
  }
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && mayAsk()) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.pool) }, worker));

  const failed = new Set<string>();
  if (error !== undefined) for (const key of plan.deliverables.keys()) if (!read.has(key)) failed.add(key);
  return { read, failed, requests, sizes, ...(error !== undefined ? { error } : {}) };
}
