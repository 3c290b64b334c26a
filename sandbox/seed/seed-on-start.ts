// Whether `npm start` seeds, and the seed run itself, with its progress for the pages.
//
// A data folder is seeded when it is new, and ALSO when an earlier start began a seed that never
// ended (stopped with Ctrl+C, killed, crashed): its seed-state.json still says "running" (or
// "failed"). Such a folder holds half a roadmap that nothing would ever complete, so it is moved
// aside (into <data dir>/unfinished-seed/, replacing an older one; git, lint and --reset treat it
// as the rest of the data folder) and the seed starts over on a fresh folder: the seed walks every issue through the real app and its gates, so starting over
// is simpler and surer than finding where it stopped. A folder from before seed-state.json
// existed is judged by what it holds: every planned issue there counts as seeded, fewer as an
// unfinished seed.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { JIRA_DB_FILE, type RunningSandbox } from '../host/boot';
import { errorMessage } from '../host/runtime';
import { generateSeedPlan } from './generate';
import { PROJECT_KEY, runSeed, type SeedProgress, type SeedReport } from './orchestrate';
import { readSeedState, seedSummary, SeedTracker, type SeedStatus } from './seed-status';

export interface SeedOnStartOptions {
  dataDir: string;
  /** Boots the sandbox over dataDir; seedStatus is what the pages show. Called again if the folder must be replaced. */
  boot(seedStatus: () => SeedStatus | undefined): Promise<RunningSandbox>;
  /** One line for the person running npm start. */
  say(line: string): void;
  /** Extra progress hook (tests hold the seed at a step with it). */
  progress?: (p: SeedProgress) => void | Promise<void>;
  /** The seed's own per-issue log. */
  seedLog?: (line: string) => void;
}

export interface SeededStart {
  sb: RunningSandbox;
  tracker: SeedTracker;
  /** The seed this start runs, if any: resolves with its report, rejects when it fails. */
  seeding?: Promise<SeedReport>;
}

export const ASIDE_DIR = 'unfinished-seed';

/** Moves an unfinished seed's data into <data dir>/unfinished-seed/ of a fresh data folder; returns where it went. */
function moveAside(dataDir: string): string {
  const dir = resolve(dataDir);
  const moving = `${dir}.moving-${process.pid}`;
  renameSync(dir, moving);
  rmSync(join(moving, ASIDE_DIR), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  renameSync(moving, join(dir, ASIDE_DIR));
  return join(dir, ASIDE_DIR);
}

const Found = z.looseObject({ issues: z.array(z.unknown()) });

/** Issues in the seeded project (up to a page of 100: enough to tell a whole seed from part of one). */
async function issuesInProject(sb: RunningSandbox): Promise<number> {
  const admin = sb.jira.userByEmail('admin@lcoo.example');
  if (!admin) return 0;
  const reply = await sb.jira.handle({
    method: 'POST',
    path: '/rest/api/3/search/jql',
    principal: { kind: 'user', accountId: admin.accountId },
    headers: { 'content-type': 'application/json' },
    body: { jql: `project = ${PROJECT_KEY}`, fields: ['summary'], maxResults: 100 },
  });
  const found = reply.status === 200 ? Found.safeParse(reply.body) : undefined;
  return found?.success ? found.data.issues.length : 0;
}

export async function startWithSeed(opts: SeedOnStartOptions): Promise<SeededStart> {
  const { dataDir, say } = opts;
  const tracker = new SeedTracker(dataDir);
  const status = () => tracker.status();

  let seedBecause: string | undefined;
  let needsSeed = !existsSync(join(dataDir, JIRA_DB_FILE));
  const marker = needsSeed ? undefined : readSeedState(dataDir);
  if (marker && marker.state !== 'done') {
    const when = marker.startedAt ? ` (started ${marker.startedAt})` : '';
    const aside = moveAside(dataDir);
    seedBecause = `The seed of an earlier start did not finish${when}${marker.error ? `: ${marker.error}` : ''}. Its half-made data was moved to ${aside}; seeding again from the start.`;
    needsSeed = true;
  }

  let sb = await opts.boot(status);

  if (!needsSeed && !marker) {
    const planned = generateSeedPlan();
    const total = planned.roadmapItems.length + planned.deliverables.length;
    const found = await issuesInProject(sb);
    if (found >= total) {
      tracker.adoptExisting(`${found} issues, seeded before seed-state.json was kept`);
    } else {
      await sb.close();
      const aside = moveAside(dataDir);
      seedBecause = `The data folder had ${found} of the ${total} seeded issues and no record that its seed finished: an earlier start stopped during its seed. That data was moved to ${aside}; seeding again from the start.`;
      needsSeed = true;
      sb = await opts.boot(status);
    }
  }

  if (!needsSeed) return { sb, tracker };

  if (seedBecause) say(seedBecause);
  tracker.start(seedBecause);
  const running = sb;
  const seeding = runSeed(running, {
    ...(opts.seedLog ? { log: opts.seedLog } : {}),
    progress: async (p) => {
      tracker.progress(p);
      await opts.progress?.(p);
    },
  }).then(
    (report) => {
      tracker.finished(report);
      return report;
    },
    (e: unknown) => {
      tracker.failed(errorMessage(e));
      throw e;
    },
  );
  // The caller awaits it later; until then a failure must not count as an unhandled rejection.
  seeding.catch(() => undefined);
  return { sb: running, tracker, seeding };
}

export { seedSummary };
