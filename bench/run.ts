// `npm run bench`: runs every bench/*.bench.ts and prints one table of figures against goals.
// Each bench file exports `run(): Promise<BenchRow[]>`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRow {
  area: string;
  figure: string;
  value: number;
  unit: string;
  /** The goal as text ("<= 280 KB gzip") and whether the value meets it. */
  goal?: string;
  met?: boolean;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { run(): Promise<BenchRow[]> };
    const started = Date.now();
    process.stderr.write(`bench: ${file} ...\n`);
    rows.push(...(await mod.run()));
    process.stderr.write(`bench: ${file} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1));
  const table = rows.map((r) => ({
    area: r.area,
    figure: r.figure,
    value: `${fmt(r.value)} ${r.unit}`,
    goal: r.goal ?? '',
    met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  }));
  const cols = ['area', 'figure', 'value', 'goal', 'met'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...table.map((t) => t[c].length))]));
  const line = (t: Record<string, string>) => cols.map((c) => t[c]!.padEnd(width[c]!)).join(' | ');
  console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
  console.log(cols.map((c) => '-'.repeat(width[c]!)).join('-|-'));
  for (const t of table) console.log(line(t));
  if (rows.some((r) => r.met === false)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
