// Run in a fresh Node process by aggregation.bench.ts: builds a 10,000-item portfolio (not
// timed), then times what portfolio/load does with verified issues: the gate check of every
// item's next move and the aggregation. The first call is what a cold Forge function pays;
// the later ones what a warm one does. Prints one JSON line: {first, warm} with wall-clock and CPU ms of each call.
import { performance } from 'node:perf_hooks';
import { defaultGateConfig } from '../src/domain/gates';
import { aggregatePortfolio } from '../src/domain/portfolio';
import { BUILTIN_CALENDAR } from '../src/domain/releases';
import type { Issue } from '../src/jira/issues';
import { toPortfolioIssues } from '../src/modules/gadget/portfolio-items';
import { parentChecklistOf } from '../src/records/roadmap-item';
import { adminOnly, movesFromRules } from '../src/usecases/gate-settings';
import { gatePortfolio } from '../src/usecases/portfolio-gates';
import { FIXTURE_NOW, asSearchIssue, makePortfolioIssues } from '../test/unit/gadget/make-portfolio-issues';

const N = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 9);
const SECRET = 'f'.repeat(64);

const verified = toPortfolioIssues(
  makePortfolioIssues(N, SECRET).map((f) => asSearchIssue(f) as Issue),
  SECRET,
  {},
);

/** CPU time this process spends (all its threads, GC included), in ms: what the work costs, whatever else the machine runs. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function load(): { wall: number; cpu: number } {
  const t = performance.now();
  const c = cpuMs();
  // As the resolver does per load: settings per move from the rules read, the gate check per item, then the aggregation.
  const settingsFor = movesFromRules({ config: defaultGateConfig, source: 'stored' }, adminOnly('bench'));
  const parentOf = (key: string) => {
    const found = verified.roadmapItems.get(key);
    return found ? parentChecklistOf(key, found) : undefined;
  };
  const items = gatePortfolio(verified.issues, settingsFor, parentOf, { nowMs: FIXTURE_NOW.getTime(), calendar: BUILTIN_CALENDAR });
  const portfolio = aggregatePortfolio(items, { now: FIXTURE_NOW, calendar: BUILTIN_CALENDAR });
  if (portfolio.totals.items !== N) throw new Error(`aggregated ${portfolio.totals.items} of ${N} items`);
  return { wall: performance.now() - t, cpu: cpuMs() - c };
}

const first = load();
const warm: { wall: number; cpu: number }[] = [];
for (let i = 0; i < RUNS; i++) warm.push(load());
process.stdout.write(`${JSON.stringify({ first, warm })}\n`);
