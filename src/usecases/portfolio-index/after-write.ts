// The portfolio index kept current in the same invocation as every save, approval and
// restore: the write site calls afterRecordWrite once, with the issue it read and the record
// it has just written, and the row is derived from those (no Jira read: the gate check runs
// on what the invocation already holds) and written with its bucket in one transaction.
//
// The save has already succeeded when this runs: a failing index write never fails it. The
// issue is then marked for the next reconcile (one KVS key), which derives its row from Jira.
import { kvs } from '@forge/kvs';
import type { Delivery } from '../../domain/delivery';
import type { Vetting } from '../../domain/vetting';
import type { RowFacts } from '../../domain/portfolio-index';
import type { RecordRead } from '../../records/stored-record';
import type { LoadedConfig } from '../../storage/app-config';
import { KVS_KEYS } from '../../storage/keys';
import { changeRows, deliverablesOf } from '../../storage/portfolio-index/store';
import type { StatusStageMap } from '../../storage/status-stages';
import { needsParent, planMove } from '../gate-check';
import { nextStageFor } from '../gate-settings';
import { deriveFromSave } from './derive';
import { openIndexWriter, syncIssues } from './writer';
import { DELIVERY_STAGES } from '../../domain/lifecycle';

/** The issue fields a save reads for the index (the panel reads them with the issue). */
export interface IndexFactsRead {
  project?: { id: string; key: string } | undefined;
  updated?: string | undefined;
  security?: { id: string; name?: string | undefined } | null | undefined;
}

export interface RecordWrite {
  read: {
    issue: { id: string; key: string; summary?: string; issueType: string };
    status: { id?: string; name: string };
    statusStages: StatusStageMap;
    indexFacts: IndexFactsRead;
  };
  vetting?: RecordRead<Vetting>;
  delivery?: RecordRead<Delivery>;
  config?: LoadedConfig;
}

export interface AfterWriteOutcome {
  /** Index writes made (row entities and buckets). */
  writes: number;
  /** Set when the index could not be written: the issue waits for the next reconcile. */
  deferred?: string;
}

function factsOf(w: RecordWrite): RowFacts {
  const { issue, indexFacts } = w.read;
  const record = w.vetting ?? w.delivery;
  const facts: RowFacts = {
    id: issue.id,
    projectId: indexFacts.project?.id ?? '',
    projectKey: indexFacts.project?.key ?? issue.key.replace(/-\d+$/, ''),
    updatedMs: indexFacts.updated ? Date.parse(indexFacts.updated) || 0 : 0,
  };
  if (record?.state === 'present') facts.recordSavedAt = record.meta.updatedAt;
  if (indexFacts.security) {
    facts.securityLevel = { id: indexFacts.security.id, ...(indexFacts.security.name ? { name: indexFacts.security.name } : {}) };
  }
  return facts;
}

/** Whether some delivery gate reads the Roadmap Item's checklist under these settings. */
function deliverablesReadParent(settingsFor: Parameters<typeof nextStageFor>[1]): boolean {
  return DELIVERY_STAGES.some((stage) => {
    const target = nextStageFor(stage, settingsFor);
    if (!target) return false;
    const plan = planMove('delivery', stage, target, settingsFor(target, stage));
    return needsParent({ key: '', lifecycle: 'delivery', stage, integrity: 'valid', parentKey: 'x' }, plan);
  });
}

export async function afterRecordWrite(w: RecordWrite): Promise<AfterWriteOutcome> {
  try {
    const writer = await openIndexWriter({ ...(w.config ? { config: w.config } : {}), statusStages: w.read.statusStages });
    const { issue, status } = w.read;
    const row = await deriveFromSave(
      {
        key: issue.key,
        issueTypeName: issue.issueType,
        summary: issue.summary ?? '',
        status,
        facts: factsOf(w),
        ...(w.vetting ? { vetting: w.vetting } : {}),
        ...(w.delivery ? { delivery: w.delivery } : {}),
      },
      writer.statusStages,
      writer.ctx,
    );
    const change = row ? { put: [row] } : { remove: [issue.id] };
    let writes = await changeRows({ ...change, generation: writer.meta.generation }, writer.meta.bucketCount);
    // A Roadmap Item's checklist decides its deliverables' gates only under settings that
    // require checklist items at a delivery stage; then their rows are derived again too.
    if (w.vetting && deliverablesReadParent(writer.ctx.settingsFor)) {
      const ids = await deliverablesOf(issue.key);
      if (ids.length > 0) writes += (await syncIssues(writer, ids)).writes;
    }
    return { writes };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.warn(`[lcoo] the portfolio index could not be updated for ${w.read.issue.key}; the next reconcile will:`, err);
    await kvs.set(KVS_KEYS.portfolioDirty(w.read.issue.id), { at: new Date().toISOString(), why }).catch(() => undefined);
    return { writes: 0, deferred: why };
  }
}
