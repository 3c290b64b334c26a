// tracker/add-note and tracker/notes: a deliverable's weekly update notes. Anyone who may see
// the deliverable reads them; only someone Jira lets edit the issue adds one (asked as the
// person: the issue read, the edit permission and who they are, in parallel: 3 Jira calls).
// The author and the time come from the invocation and the server clock, never from the page.
import { AppError } from '../../contract/envelope';
import type { AddNoteAnswer, TrackerNotesView } from '../../contract/scope-tracker';
import { LIFECYCLES } from '../../domain/lifecycle';
import { noteWeekProblem, sortNotes, weekOf, type NoteInput } from '../../domain/scope-tracker';
import { isoDay } from '../../domain/releases';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { getIssue, getMyself, myIssuePermissions, type Issue } from '../../jira/issues';
import { addNote, readNoteHeads, readNotes } from '../../storage/tracker-notes';

const DELIVERABLE = LIFECYCLES.delivery.issueTypeName;

/** The deliverable as the person sees it: NOT_FOUND when Jira says it does not exist for them, BAD_REQUEST when it is not a deliverable. */
async function deliverableAsUser(user: JiraClient, issueKey: string): Promise<Issue> {
  let issue: Issue;
  try {
    issue = await getIssue(user, issueKey, { fields: ['issuetype'] });
  } catch (err) {
    if (err instanceof JiraError && err.status === 404) {
      throw new AppError('NOT_FOUND', `${issueKey} does not exist or you may not see it; reload the tracker.`);
    }
    throw err;
  }
  if (issue.fields.issuetype?.name !== DELIVERABLE) {
    throw new AppError('BAD_REQUEST', `${issueKey} is not an ${DELIVERABLE}; weekly updates are kept on deliverables.`, {
      fieldErrors: { issueKey: `${issueKey} is not an ${DELIVERABLE}.` },
    });
  }
  return issue;
}

export async function addTrackerNote(input: NoteInput, accountId: string, user: JiraClient, nowMs = Date.now()): Promise<AddNoteAnswer> {
  const week = weekOf(input.week ?? isoDay(nowMs));
  const problem = noteWeekProblem(week, nowMs);
  if (problem) throw new AppError('BAD_REQUEST', problem, { fieldErrors: { week: problem } });
  const asked = Promise.all([
    myIssuePermissions(user, input.issueKey, ['EDIT_ISSUES']),
    getMyself(user).catch(() => undefined), // the name is a courtesy; the account id is what counts
  ]);
  asked.catch(() => undefined);
  const issue = await deliverableAsUser(user, input.issueKey);
  const [perms, me] = await asked;
  if (!perms['EDIT_ISSUES']) {
    throw new AppError(
      'FORBIDDEN',
      `Only people who may edit ${input.issueKey} add its weekly updates; ask your Jira administrator for edit permission on the project.`,
    );
  }
  const { note, head } = await addNote(issue.id, {
    week,
    text: input.text,
    authorId: accountId,
    ...(me?.displayName ? { authorName: me.displayName.slice(0, 200) } : {}),
    at: new Date(nowMs).toISOString(),
  });
  return { issueKey: issue.key, note, latestNote: head.latest ?? note, noteCount: head.count };
}

export async function listTrackerNotes(issueKey: string, user: JiraClient): Promise<TrackerNotesView> {
  const issue = await deliverableAsUser(user, issueKey);
  const { heads } = await readNoteHeads([issue.id]);
  const count = heads.get(issue.id)?.count ?? 0;
  if (count === 0) return { issueKey: issue.key, notes: [], count: 0 };
  const read = await readNotes(issue.id, count);
  return {
    issueKey: issue.key,
    notes: sortNotes(read.notes),
    count: Math.max(count, read.notes.length + read.unreadable),
    ...(read.unreadable > 0 ? { unreadable: read.unreadable } : {}),
  };
}
