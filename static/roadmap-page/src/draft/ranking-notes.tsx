// Beside the ranked list: which FSTs have submitted their area roadmap for the quarter, and the
// ranking's recent changes (who moved what, when).
import type { RankChange, RankListView, Stamp } from '../../../../src/contract/roadmap';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { count } from '../../../shared/plural';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
export const stampText = (s: Stamp) => `${s.by.displayName ?? s.by.accountId} on ${when(s.at)}`;

export function Submissions({ lists, quarter }: { lists: RankListView[]; quarter: string }) {
  const fsts = lists.filter((l) => l.scope.kind === 'fst');
  const done = fsts.filter((l) => l.submitted).length;
  return (
    <details data-testid="submissions">
      <summary style={{ font: font.headingS, cursor: 'pointer' }}>
        FST area roadmap submissions for {quarter}: {done} of {fsts.length} submitted
      </summary>
      <ul style={{ margin: `${space.xs} 0 0`, paddingLeft: space.l }}>
        {fsts.map((l) => (
          <li key={l.label} data-testid={`submission-${l.scope.kind === 'fst' ? l.scope.fst : ''}`}>
            {l.label}:{' '}
            {l.submitted ? (
              <span style={{ color: color.success }}>
                submitted by {stampText(l.submitted)} ({count(l.submitted.count, 'item', 'items')})
              </span>
            ) : (
              <span style={{ color: color.subtle }}>not submitted yet</span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

const listName = (id: string) => (id === 'committee' ? 'roadmap-wide' : `${id.replace(/^fst:/, '')} FST`);

export function RecentChanges({ history }: { history: RankChange[] }) {
  if (history.length === 0) return null;
  return (
    <details className="no-print" data-testid="rank-history">
      <summary style={{ font: font.headingS, cursor: 'pointer' }}>Recent ranking changes</summary>
      <ul style={{ margin: `${space.xs} 0 0`, paddingLeft: space.l, font: font.small }}>
        {history.map((h, i) => (
          <li key={i}>
            {stampText(h)}: {h.kind === 'submitted' ? `submitted the ${listName(h.list)} list` : `ranked the ${listName(h.list)} list`}
            {h.moves.length > 0
              ? ` (${h.moves
                  .slice(0, 8)
                  .map((m) => `${m.key} ${m.from ?? 'unranked'} → ${m.to}`)
                  .join(', ')}${h.moves.length + h.more > 8 ? `, and ${h.moves.length + h.more - 8} more` : ''})`
              : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
