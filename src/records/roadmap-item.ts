// The checklist of the Roadmap Item a deliverable names: read by the stage gate (as the app)
// and the panel (as the person), so both count exactly the same thing.
import { INTEGRITY_MESSAGES } from '../domain/gates';
import { LIFECYCLES } from '../domain/lifecycle';
import type { Vetting } from '../domain/vetting';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { getIssue } from '../jira/issues';
import { VETTING_PROPERTY, VETTING_RECORD } from './kinds';
import { checkFreshness } from './record-store';
import { readRecord } from './stored-record';

const ROADMAP_ITEM = LIFECYCLES.portfolio.issueTypeName;

/** What a deliverable's roadmapItemKey names, when it is not a Roadmap Item; undefined when it is. */
export function notARoadmapItem(itemKey: string, typeName: string | undefined): string | undefined {
  return typeName === ROADMAP_ITEM
    ? undefined
    : `${itemKey}, which this deliverable names as its ${ROADMAP_ITEM}, is ${typeName ? `of type ${typeName}` : 'of no known type'}, not a ${ROADMAP_ITEM}; link a ${ROADMAP_ITEM} in the LCOO panel.`;
}

/**
 * The Roadmap Item's checklist, trusted only when the linked issue is a Roadmap Item and the
 * app signed (and last wrote) its record. Anything else counts as an empty checklist, with the
 * reason as `problem`, so a refusal still lists every checklist item it needs. One REST call.
 */
export async function readRoadmapItemChecklist(
  client: JiraClient,
  itemKey: string,
  secret: string,
): Promise<{ vetting: Vetting; problem?: string }> {
  const empty: Vetting = { schemaVersion: 2 };
  let item;
  try {
    item = await getIssue(client, itemKey, { fields: ['issuetype'], properties: [VETTING_PROPERTY] });
  } catch (err) {
    if (err instanceof JiraError && err.status === 404) {
      return {
        vetting: empty,
        problem: `${ROADMAP_ITEM}: ${itemKey}, which this deliverable names, can't be found (or can't be seen); link an existing ${ROADMAP_ITEM} in the LCOO panel.`,
      };
    }
    throw err;
  }
  const wrongType = notARoadmapItem(itemKey, item.fields.issuetype?.name);
  if (wrongType) return { vetting: empty, problem: wrongType };
  const read = await checkFreshness(
    item.id,
    VETTING_RECORD,
    readRecord(VETTING_RECORD, item.id, item.properties?.[VETTING_PROPERTY], secret),
  );
  if (read.state === 'present' && read.integrity === 'valid') return { vetting: read.data };
  return {
    vetting: empty,
    problem: `${ROADMAP_ITEM} ${itemKey}: ${INTEGRITY_MESSAGES[read.integrity === 'valid' ? 'unreadable' : read.integrity]} Its checklist can't count until then.`,
  };
}
