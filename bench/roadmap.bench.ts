// LCOO roadmap page figures (issue 13), through the sandbox with the real Forge packages:
//   - a 2,000-item published version: open it (versions/get), compare it with an earlier
//     2,000-item version (versions/compare), export it as Markdown and CSV (versions/export):
//     median time of ROADMAP_BENCH_RUNS calls, the answer's size, Jira calls, storage calls;
//   - the roadmap page's bundle loaded at start (goal <= 300 KB gzip).
// The two versions are written to the sandbox's KVS as the app stores them (the app's own part
// split, digests and HMAC with the app's secret), not published through the page: publishing
// needs 2,000 Roadmap Items in the portfolio index, which only a long seed makes.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildResource, STATIC_DIR } from '../scripts/build-static';
import { bundleSizes } from '../scripts/bundle-report';
import type { Envelope } from '../src/contract/envelope';
import type { CompareView, ExportFile, VersionView } from '../src/contract/roadmap';
import { splitIntoParts, versionName, type VersionItem, type VersionSummary } from '../src/domain/roadmap/version';
import { partDigest, signSummary } from '../src/records/roadmap-version';
import { KVS_KEYS } from '../src/storage/keys';
import { PART_MAX_CHARS } from '../src/storage/roadmap-versions';
import { startSandbox, type TestSandbox } from '../test/support/sandbox';
import type { BenchRow } from './run';

const RUNS = Number(process.env['ROADMAP_BENCH_RUNS'] ?? 9);
const ITEMS = 2000;
const PAGE = 'lcoo-roadmap-page';
const VIEWER = 'viewer@lcoo.example';
const FSTS = ['Networking', 'Containers', 'Security', 'Operations / LMA', 'Test Automation / CICD'];
const COMPANIES = ['AT&T', 'NTT', 'Orange', 'Intel', 'Comcast', 'Reliance Jio'];

function items(seed: number): VersionItem[] {
  return Array.from({ length: ITEMS }, (_, i): VersionItem => {
    const n = (i * 7 + seed) % ITEMS;
    return {
      id: String(10_000 + n),
      key: `LCOO-${n + 1}`,
      summary: `Roadmap item ${n + 1}: operators need ${['live migration', 'health checks', 'RBAC defaults', 'edge caching'][n % 4]} across services`,
      stage: (n + seed) % 3 === 0 ? 'development-ready' : 'prioritized',
      rank: i + 1,
      fstRank: (i % 400) + 1,
      fst: FSTS[n % FSTS.length]!,
      type: 'new',
      size: 'M',
      releaseId: (n + seed) % 5 === 0 ? '2027.2' : 'indri',
      release: (n + seed) % 5 === 0 ? '2027.2' : '2027.1 Indri',
      companies: [0, 1, 2].map((k) => ({ name: COMPANIES[(n + k) % COMPANIES.length]!, people: (n + k) % 3 })),
      slipped: false,
      integrity: 'valid',
    };
  });
}

function writeVersion(sb: TestSandbox, id: string, list: VersionItem[], secret: string, at: string): void {
  const kvs = sb.host.raw.kvs;
  const parts = splitIntoParts(list, PART_MAX_CHARS);
  const unsigned = {
    version: 1 as const,
    id,
    quarter: id.slice(0, 7),
    kind: 'new' as const,
    event: 'Bench PTG',
    name: versionName(id.slice(0, 7), 'new', 'Bench PTG'),
    publishedBy: { accountId: sb.host.accountIdOf('admin@lcoo.example'), displayName: 'Alex Admin' },
    publishedAt: at,
    itemCount: list.length,
    parts: parts.map(partDigest),
  };
  const summary: VersionSummary = { ...unsigned, sig: signSummary(secret, unsigned) };
  parts.forEach((p, n) => kvs.handle('/api/v1/set', { key: KVS_KEYS.roadmapVersionPart(id, n), value: p }));
  kvs.handle('/api/v1/set', { key: KVS_KEYS.roadmapVersion(id), value: summary });
}

function unwrap<T>(answer: unknown): T {
  const env = answer as Envelope<T>;
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.data;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sb = await startSandbox();
  try {
    const secret = 'b'.repeat(64);
    sb.host.raw.kvs.handle('/api/v1/secret/set', { key: KVS_KEYS.signingKey, value: secret });
    const older = '2026-Q4.bench.a';
    const newer = '2027-Q1.bench.b';
    writeVersion(sb, older, items(0), secret, '2026-10-01T00:00:00.000Z');
    writeVersion(sb, newer, items(3), secret, '2027-01-01T00:00:00.000Z');
    const cases: { figure: string; key: string; payload: unknown; check: (data: unknown) => void }[] = [
      {
        figure: 'open a 2,000-item version (versions/get)',
        key: 'versions/get',
        payload: { id: newer },
        check: (d) => {
          const v = d as VersionView;
          if (v.items.length !== ITEMS || v.integrity !== 'valid') throw new Error('versions/get answered the wrong version');
        },
      },
      {
        figure: 'compare two 2,000-item versions (versions/compare, default from)',
        key: 'versions/compare',
        payload: { to: newer },
        check: (d) => {
          if ((d as CompareView).diff.changed.length === 0) throw new Error('versions/compare found nothing');
        },
      },
      {
        figure: 'export Markdown (versions/export)',
        key: 'versions/export',
        payload: { id: newer, format: 'markdown' },
        check: () => undefined,
      },
      {
        figure: 'export CSV (versions/export)',
        key: 'versions/export',
        payload: { id: newer, format: 'csv' },
        check: (d) => {
          if ((d as ExportFile).content.split('\r\n').length !== ITEMS + 2) throw new Error('CSV has the wrong row count');
        },
      },
    ];
    for (const c of cases) {
      const times: number[] = [];
      let bytes = 0;
      let jira = 0;
      let storage = 0;
      for (let i = 0; i < RUNS; i++) {
        const log = sb.host.raw.fetchLog;
        const mark = log[log.length - 1];
        const t0 = performance.now();
        const answer = await sb.host.invoke(PAGE, c.key, c.payload, { asEmail: VIEWER });
        times.push(performance.now() - t0);
        const data = unwrap<unknown>(answer);
        c.check(data);
        bytes = Buffer.byteLength(JSON.stringify(answer));
        const start = mark === undefined ? 0 : log.lastIndexOf(mark) + 1;
        const calls = log.slice(start);
        jira = calls.filter((e) => e.kind === 'jira').length;
        storage = calls.filter((e) => e.kind === 'kvs').length;
      }
      rows.push({ area: 'roadmap', figure: `${c.figure}, median of ${RUNS}`, value: median(times), unit: 'ms' });
      rows.push({ area: 'roadmap', figure: `${c.figure}: answer size`, value: bytes / 1024, unit: 'KiB' });
      rows.push({ area: 'roadmap', figure: `${c.figure}: Jira calls`, value: jira, unit: 'calls', goal: '0', met: jira === 0 });
      rows.push({ area: 'roadmap', figure: `${c.figure}: storage calls`, value: storage, unit: 'calls' });
    }
    await buildResource('roadmap-page');
    const size = bundleSizes(join(STATIC_DIR, 'roadmap-page', 'build'));
    const kb = (size.jsGzip + size.cssGzip) / 1024;
    rows.push({
      area: 'bundle',
      figure: 'roadmap-page (JS + CSS loaded at start)',
      value: kb,
      unit: 'KB gzip',
      goal: '<= 300 KB gzip',
      met: kb <= 300,
    });
    return rows;
  } finally {
    await sb.stop();
  }
}
