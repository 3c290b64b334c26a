// The checklist of the Roadmap Item a deliverable names, as the stage gate may count it:
// only when the linked issue is a Roadmap Item and the app signed (and last wrote) its
// record. The validator reads it as the app, the panel as the person, the gadget from its
// search pages; all three turn what they read into a ParentChecklist here.
import { INTEGRITY_MESSAGES } from '../domain/gates';
import { LIFECYCLES, type Stage } from '../domain/lifecycle';
import type { Vetting } from '../domain/vetting';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { getIssue } from '../jira/issues';
import { VETTING_PROPERTY, VETTING_RECORD } from './kinds';
import { checkFreshness } from './record-store';
import { readRecord, type RecordRead } from './stored-record';

const ROADMAP_ITEM = LIFECYCLES.portfolio.issueTypeName;

/**
 * The checklist that counts, with the stage the Roadmap Item stands in when known (its target
 * release is read as of that stage), or why none counts (the gate then lists every item it
 * needs, after the reason).
 */
export type ParentChecklist = { ok: true; vetting: Vetting; stage?: Stage } | { ok: false; problem: string };

/** How the caller maps a Jira status to a portfolio stage (the gate check's one way: usecases/issue-snapshot.ts). */
export type PortfolioStageOf = (status: { id?: string | undefined; name?: string | undefined }) => Stage | undefined;

/** What a deliverable's roadmapItemKey names, when it is not a Roadmap Item; undefined when it is. */
export function notARoadmapItem(itemKey: string, typeName: string | undefined): string | undefined {
  return typeName === ROADMAP_ITEM
    ? undefined
    : `${itemKey}, which this deliverable names as its ${ROADMAP_ITEM}, is ${typeName ? `of type ${typeName}` : 'of no known type'}, not a ${ROADMAP_ITEM}; link a ${ROADMAP_ITEM} in the LCOO panel.`;
}

/** The parent checklist from what was read: the issue's type and its verified record, or nothing found. */
export function parentChecklistOf(
  itemKey: string,
  found: { typeName: string | undefined; read: RecordRead<Vetting>; stage?: Stage | undefined } | undefined,
): ParentChecklist {
  if (!found) {
    return {
      ok: false,
      problem: `${ROADMAP_ITEM}: ${itemKey}, which this deliverable names, can't be found (or can't be seen); link an existing ${ROADMAP_ITEM} in the LCOO panel.`,
    };
  }
  const wrongType = notARoadmapItem(itemKey, found.typeName);
  if (wrongType) return { ok: false, problem: wrongType };
  const { read } = found;
  if (read.state === 'present' && read.integrity === 'valid')
    return found.stage ? { ok: true, vetting: read.data, stage: found.stage } : { ok: true, vetting: read.data };
  return {
    ok: false,
    problem: `${ROADMAP_ITEM} ${itemKey}: ${INTEGRITY_MESSAGES[read.integrity === 'valid' ? 'unreadable' : read.integrity]} Its checklist can't count until then.`,
  };
}

/** Reads the Roadmap Item through `client` (one REST call: its type, status and record) and its freshness in KVS. */
export async function readParentChecklist(
  client: JiraClient,
  itemKey: string,
  secret: string,
  stageOf: PortfolioStageOf,
): Promise<ParentChecklist> {
  let item;
  try {
    item = await getIssue(client, itemKey, { fields: ['issuetype', 'status'], properties: [VETTING_PROPERTY] });
  } catch (err) {
    if (err instanceof JiraError && err.status === 404) return parentChecklistOf(itemKey, undefined);
    throw err;
  }
  const read = await checkFreshness(
    item.id,
    VETTING_RECORD,
    readRecord(VETTING_RECORD, item.id, item.properties?.[VETTING_PROPERTY], secret),
  );
  return parentChecklistOf(itemKey, { typeName: item.fields.issuetype?.name, read, stage: stageOf(item.fields.status ?? {}) });
}
