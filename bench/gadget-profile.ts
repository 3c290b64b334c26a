// A profiling harness for the gadget's index path (not a *.bench.ts: `npm run bench` skips it).
// Builds a portfolio of GADGET_PROFILE_ITEMS (default 10,000) in a data folder it keeps
// (GADGET_PROFILE_DIR), rebuilds the index once, then times filter changes with no latency and
// prints each one's figures. Run under `node --cpu-prof` to see where a filter change goes:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof node_modules/tsx/dist/cli.mjs bench/gadget-profile.ts
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PortfolioLoad } from '../src/contract/gadget';
import type { IndexStatusView } from '../src/contract/portfolio-index';
import { startSandbox } from '../test/support/sandbox';
import { createPortfolio, invoke, signingKey } from './gadget.bench';

const ITEMS = Number(process.env['GADGET_PROFILE_ITEMS'] ?? 10_000);
const DIR = process.env['GADGET_PROFILE_DIR'] ?? `/tmp/lcoo-gadget-profile-${ITEMS}`;
const ROUNDS = Number(process.env['GADGET_PROFILE_ROUNDS'] ?? 20);
const ADMIN = 'admin@lcoo.example';

const FILTERS: Record<string, unknown>[] = [
  { filters: { stages: ['prioritized'] } },
  { filters: { onlySlipped: true } },
  { filters: { types: ['new'] }, sort: { key: 'release', order: 'DESC' } },
  { filters: { stages: ['delivered', 'backlog'] } },
  { filters: {}, page: 7 },
];

async function main(): Promise<void> {
  const fresh = !existsSync(join(DIR, 'built'));
  mkdirSync(DIR, { recursive: true });
  const sb = await startSandbox({ seed: 'none', dataDir: DIR });
  try {
    if (fresh) {
      await invoke(sb, 'setup/run', { projectKey: 'LCOO' }, ADMIN, 'lcoo-admin');
      await invoke<PortfolioLoad>(sb, 'portfolio/load', {});
      await createPortfolio(sb, signingKey(sb), ITEMS, 0, true);
      await sb.host.settled();
      const t = performance.now();
      await invoke<IndexStatusView>(sb, 'index/rebuild', {}, ADMIN, 'lcoo-admin');
      await sb.host.settled();
      const status = await invoke<IndexStatusView>(sb, 'index/status', {}, ADMIN, 'lcoo-admin');
      process.stderr.write(`built ${status.rows} rows in ${Math.round(performance.now() - t)} ms: ${JSON.stringify(status.rebuild)}\n`);
      writeFileSync(join(DIR, 'built'), '');
    }
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const f = FILTERS[i % FILTERS.length]!;
      const t = performance.now();
      const c0 = process.cpuUsage();
      const p = await invoke<PortfolioLoad>(sb, 'portfolio/load', f);
      const ms = performance.now() - t;
      const c = process.cpuUsage(c0);
      times.push(ms);
      // CPU time of the whole process (app and emulators): the figure to compare on a busy machine.
      cpu.push((c.user + c.system) / 1000);
      if (p.index.source !== 'index') throw new Error('not from the index');
      process.stderr.write(`${i}: ${Math.round(ms)} ms ${JSON.stringify((p as unknown as { timings?: unknown }).timings ?? '')}\n`);
    }
    const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
    process.stdout.write(`median ${median(times)} ms wall, ${median(cpu)} ms CPU over ${ROUNDS}\n`);
  } finally {
    await sb.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
