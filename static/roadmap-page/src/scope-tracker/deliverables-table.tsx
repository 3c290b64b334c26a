// One row per Upstream Deliverable targeting the release: the deliverable, its project and
// stage, its milestone against the release's schedule, the owner company and commitments of the
// Roadmap Item it delivers, and its weekly updates (weekly-notes.tsx).
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { router } from '@forge/bridge';
import type { MouseEvent } from 'react';
import type { MilestoneState, TrackerRowView, TrackerView } from '../../../../src/contract/scope-tracker';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { companyName, fstName, people, weeks } from './format';
import { WeeklyNotes } from './weekly-notes';

const cell = {
  padding: `${space.s} ${space.s}`,
  borderBottom: `1px solid ${color.border}`,
  verticalAlign: 'top' as const,
  textAlign: 'left' as const,
};
const head = { ...cell, font: font.small, fontWeight: 600, color: color.subtle };
const small = { font: font.small, color: color.subtle } as const;

const MILESTONE_LOOK: Record<MilestoneState, { text: string; appearance: ThemeAppearance }> = {
  landed: { text: 'Landed', appearance: 'success' },
  late: { text: 'Late', appearance: 'removed' },
  'due-soon': { text: 'Due soon', appearance: 'moved' },
  'on-track': { text: 'On track', appearance: 'inprogress' },
  'no-milestone': { text: 'No milestone', appearance: 'default' },
  'not-in-schedule': { text: 'Not in schedule', appearance: 'removed' },
};

const WHY_SHOWN: readonly MilestoneState[] = ['late', 'no-milestone', 'not-in-schedule'];

function openIssue(e: MouseEvent<HTMLAnchorElement>, key: string) {
  // The page is a frame on another origin: the bridge navigates Jira (a modified click opens a tab).
  e.preventDefault();
  const location = { target: 'issue' as const, issueKey: key };
  const go = e.metaKey || e.ctrlKey || e.shiftKey ? router.open(location) : router.navigate(location);
  go.catch(() => undefined);
}

function IssueLink({ issueKey }: { issueKey: string }) {
  return (
    <a href={`/browse/${issueKey}`} onClick={(e) => openIssue(e, issueKey)} style={{ fontWeight: 600 }}>
      {issueKey}
    </a>
  );
}

function Milestone({ row }: { row: TrackerRowView }) {
  const m = row.milestone;
  const look = MILESTONE_LOOK[m.state];
  return (
    <div>
      {m.label ? <div style={{ whiteSpace: 'nowrap' }}>{m.label}</div> : null}
      {m.scheduled ? <div style={{ ...small, whiteSpace: 'nowrap' }}>{m.scheduled}</div> : null}
      <Lozenge appearance={look.appearance}>{look.text}</Lozenge>
      {/* Landed, on track and due soon say all with the label and date; the other states, and a moved date, say why. */}
      {WHY_SHOWN.includes(m.state) || m.moved ? <div style={{ ...small, maxWidth: 200 }}>{m.message}</div> : null}
    </div>
  );
}

function Commitments({ row, view }: { row: TrackerRowView; view: TrackerView }) {
  if (row.commitments.length === 0) return <span style={small}>{row.roadmapItem ? 'No one committed yet' : 'No Roadmap Item'}</span>;
  return (
    <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
      {row.commitments.map((c) => (
        <li key={c.company} style={{ marginBottom: space.xs }}>
          <strong>{companyName(view, c.company)}</strong>: {people(c.people.length)}, {weeks(c.personWeeks)}
          <div style={small}>{c.people.join(', ')}</div>
        </li>
      ))}
    </ul>
  );
}

export function DeliverablesTable({ view }: { view: TrackerView }) {
  if (view.rows.length === 0) {
    return (
      <p style={{ color: color.subtle }}>
        No Upstream Deliverable you can see targets {view.release.label} yet: a deliverable targets a release through its milestone, or
        through its Roadmap Item&apos;s target release until it has one.
      </p>
    );
  }
  return (
    <div style={{ overflowX: 'auto' }} role="region" aria-label="Deliverables" tabIndex={0}>
      <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body }} data-testid="tracker-table">
        <thead>
          <tr>
            {['Deliverable', 'Project and stage', 'Milestone', 'Owner and committed', 'Roadmap Item', 'Weekly update'].map((h) => (
              <th key={h} scope="col" style={head}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row" style={{ ...cell, fontWeight: 400, minWidth: 150 }}>
                <IssueLink issueKey={row.key} />
                <div>{row.summary}</div>
                {row.integrity !== 'valid' ? (
                  <Lozenge appearance="removed">{row.integrity === 'missing' ? 'No record' : 'Record not verified'}</Lozenge>
                ) : null}
              </th>
              <td style={cell}>
                {row.project ?? <span style={small}>No project named</span>}
                <div style={{ ...small, whiteSpace: 'nowrap' }}>{row.stageName}</div>
              </td>
              <td style={cell}>
                <Milestone row={row} />
              </td>
              <td style={{ ...cell, minWidth: 150 }}>
                <div style={small}>Owner: {row.ownerCompany ? companyName(view, row.ownerCompany) : 'unknown'}</div>
                <Commitments row={row} view={view} />
              </td>
              <td style={{ ...cell, minWidth: 130 }}>
                {row.roadmapItem ? (
                  <>
                    <IssueLink issueKey={row.roadmapItem.key} />
                    {row.roadmapItem.summary ? <div>{row.roadmapItem.summary}</div> : null}
                    <div style={small}>{fstName(view, row.roadmapItem.fst)}</div>
                  </>
                ) : (
                  <span style={small}>None you can see</span>
                )}
              </td>
              <td style={{ ...cell, minWidth: 220 }}>
                <WeeklyNotes key={`${view.release.id}/${row.key}`} row={row} today={view.today} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
