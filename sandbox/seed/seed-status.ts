// Where the sandbox's seed is, for the pages (a progress notice) and for the next start.
// The state is kept in memory for the pages and written to <data dir>/seed-state.json when a
// seed starts and when it ends, so a start after a seed that never ended (the process was
// stopped or killed half way) knows the data is incomplete and seeds again.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SeedProgress, SeedReport } from './orchestrate';

export const SEED_STATE_FILE = 'seed-state.json';

const SeedStateSchema = z.object({
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  summary: z.string().optional(),
});
export type SeedState = z.infer<typeof SeedStateSchema>;

/** What the pages show: the stored state plus the live progress of a seed this process runs. */
export interface SeedStatus extends SeedState {
  phase?: SeedProgress['phase'];
  done: number;
  total: number;
  /** Why this start seeds although the data folder existed (an unfinished seed before). */
  restartedBecause?: string;
}

export function readSeedState(dataDir: string): SeedState | undefined {
  const file = join(dataDir, SEED_STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = SeedStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    // A marker that does not parse says nothing trustworthy: treat it as a seed that did not end.
    return parsed.success ? parsed.data : { state: 'failed', startedAt: '', error: 'seed-state.json does not parse' };
  } catch {
    return { state: 'failed', startedAt: '', error: 'seed-state.json cannot be read' };
  }
}

/** Written to a temporary file and renamed, so a kill mid-write never leaves half a marker. */
export function writeSeedState(dataDir: string, state: SeedState): void {
  const file = join(dataDir, SEED_STATE_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function seedSummary(r: SeedReport): string {
  return `${r.plan.roadmapItems.length} Roadmap Items and ${r.plan.deliverables.length} Upstream Deliverables (${r.transitions} gated transitions, ${r.approvals} approvals)${
    r.published.length > 0 ? `, and the published LCOO roadmaps ${r.published.map((n) => `"${n}"`).join(' and ')}` : ''
  }`;
}

/** The live status of one seed run; status() is what GET /__sandbox/seed answers. */
export class SeedTracker {
  private current: SeedStatus | undefined;

  constructor(private readonly dataDir: string) {}

  status(): SeedStatus | undefined {
    return this.current ? { ...this.current } : undefined;
  }

  start(restartedBecause?: string): void {
    const startedAt = new Date().toISOString();
    this.current = { state: 'running', startedAt, done: 0, total: 0, ...(restartedBecause ? { restartedBecause } : {}) };
    writeSeedState(this.dataDir, { state: 'running', startedAt });
  }

  progress(p: SeedProgress): void {
    if (!this.current) return;
    this.current = { ...this.current, phase: p.phase, done: p.done, total: p.total };
  }

  finished(report: SeedReport): void {
    if (!this.current) return;
    const finishedAt = new Date().toISOString();
    const summary = seedSummary(report);
    this.current = { ...this.current, state: 'done', finishedAt, summary, done: this.current.total || this.current.done };
    writeSeedState(this.dataDir, { state: 'done', startedAt: this.current.startedAt, finishedAt, summary });
  }

  failed(error: string): void {
    if (!this.current) return;
    const finishedAt = new Date().toISOString();
    this.current = { ...this.current, state: 'failed', finishedAt, error };
    writeSeedState(this.dataDir, { state: 'failed', startedAt: this.current.startedAt, finishedAt, error });
  }

  /** Data that was seeded before this marker existed: recorded as done so later starts need not count again. */
  adoptExisting(summary: string): void {
    const now = new Date().toISOString();
    writeSeedState(this.dataDir, { state: 'done', startedAt: now, finishedAt: now, summary });
  }
}
