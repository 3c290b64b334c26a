// Runs work items at most `limit` at a time: writes to different buckets (or records) are
// independent, and a rebuild step must not spend its time waiting on them one by one (at 20 ms
// a storage call, 100 buckets read and written in turn take 4 s). The limit keeps a step far
// under Forge's 1,000 storage requests a second (docs/platform-facts.md).
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
