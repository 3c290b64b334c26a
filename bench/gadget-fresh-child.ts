// One gadget load in a fresh process, as a Forge invocation that lands on a new container gets
// it: the sandbox starts on the bench's data folder (the portfolio and its index already built),
// loads the app bundle, and answers one `portfolio/load` with the bench's emulated latency.
// Prints one JSON line: { ms, jira, storage }. Run by gadget.bench.ts, never alone.
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../test/support/sandbox';

async function main(): Promise<void> {
  const [dataDir, payload, jiraMs, storageMs] = process.argv.slice(2);
  if (!dataDir || !payload) throw new Error('usage: gadget-fresh-child <dataDir> <payload json> <jiraMs> <storageMs>');
  const sb = await startSandbox({ dataDir, seed: 'none' });
  try {
    const c = sb.host.raw.counter;
    c.latency = { jiraMs: Number(jiraMs), storageMs: Number(storageMs) };
    const [jira0, storage0] = [c.jira, c.storage];
    const t = performance.now();
    const out = (await sb.host.invoke('lcoo-portfolio-gadget', 'portfolio/load', JSON.parse(payload), {
      asEmail: 'admin@lcoo.example',
      gadgetConfiguration: {},
    })) as { ok: boolean; data?: { index?: { source?: string }; truncated?: boolean } };
    const ms = performance.now() - t;
    if (!out.ok || out.data?.index?.source !== 'index' || out.data.truncated)
      throw new Error(`The fresh load did not answer from the index: ${JSON.stringify(out).slice(0, 300)}`);
    process.stdout.write(`${JSON.stringify({ ms, jira: c.jira - jira0, storage: c.storage - storage0 })}\n`);
  } finally {
    await sb.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
