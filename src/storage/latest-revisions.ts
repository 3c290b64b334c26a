// The latest revision (and signature) the app wrote for each LCOO record. A validly signed
// older copy put back through raw REST is caught against it (the replay check).
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { KVS_KEYS } from './keys';

export const LatestSchema = z.object({ revision: z.number().int(), sig: z.string() });
export type Latest = z.infer<typeof LatestSchema>;

const parse = (raw: unknown): Latest | undefined => {
  const parsed = LatestSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

export async function readLatestRevision(propertyKey: string, issueId: string): Promise<Latest | undefined> {
  return parse(await kvs.get<unknown>(KVS_KEYS.latestRevision(propertyKey, issueId)));
}

export async function writeLatestRevision(propertyKey: string, issueId: string, latest: Latest): Promise<void> {
  await kvs.set(KVS_KEYS.latestRevision(propertyKey, issueId), latest);
}

/** Every record's latest revision, for a view of many issues. */
export interface LatestRevisions {
  of(propertyKey: string, issueId: string): Latest | undefined;
}

const KVS_QUERY_PAGE = 100; // the most one KVS query answers

/**
 * Reads every latest entry of the given record kinds in bulk: a KVS key-prefix query, paged
 * by cursor, one chain per kind, run in parallel.
 */
export async function readAllLatestRevisions(propertyKeys: readonly string[]): Promise<LatestRevisions> {
  const all = new Map<string, Latest>();
  await Promise.all(
    propertyKeys.map(async (propertyKey) => {
      let cursor: string | undefined;
      do {
        let q = kvs
          .query()
          .where('key', WhereConditions.beginsWith(KVS_KEYS.latestRevisionPrefix(propertyKey)))
          .limit(KVS_QUERY_PAGE);
        if (cursor) q = q.cursor(cursor);
        const page = await q.getMany<unknown>();
        for (const r of page.results) {
          const latest = parse(r.value);
          if (latest) all.set(r.key, latest);
        }
        cursor = page.nextCursor;
      } while (cursor);
    }),
  );
  return { of: (propertyKey, issueId) => all.get(KVS_KEYS.latestRevision(propertyKey, issueId)) };
}

/** The latest entries of these issues only (batches of 25 keys): for a page of a rebuild or a trigger's issue. */
export async function readLatestRevisionsOf(propertyKeys: readonly string[], issueIds: readonly string[]): Promise<LatestRevisions> {
  const keys = propertyKeys.flatMap((p) => issueIds.map((id) => KVS_KEYS.latestRevision(p, id)));
  const all = new Map<string, Latest>();
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += 25) chunks.push(keys.slice(i, i + 25));
  const results = await Promise.all(chunks.map((c) => kvs.batchGet<unknown>(c.map((key) => ({ key })))));
  for (const r of results) {
    for (const ok of r.successfulKeys) {
      const latest = parse(ok.value);
      if (latest) all.set(ok.key, latest);
    }
    const broken = r.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (broken.length > 0) throw new Error(`Forge storage could not read ${broken.map((f) => `${f.key} (${f.error.code})`).join(', ')}.`);
  }
  return { of: (propertyKey, issueId) => all.get(KVS_KEYS.latestRevision(propertyKey, issueId)) };
}
