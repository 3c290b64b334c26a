// The draft's items as a table (a plain <table>: it prints as is), in the chosen list's order.
// With `onMove`, each row can be dragged to another place (HTML drag and drop) and has Move up /
// Move down buttons (the keyboard way: Tab to a button, Enter or Space).
import { useState } from 'react';
import type { DraftItem } from '../../../../src/contract/roadmap';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { DecisionsCell } from './decisions';

const cell = {
  padding: `${space.xs} ${space.s}`,
  borderBottom: `1px solid ${color.border}`,
  textAlign: 'left' as const,
  verticalAlign: 'top' as const,
};

export function companiesText(item: DraftItem): string {
  return item.companies
    .filter((c) => c.interested)
    .map((c) => (c.people > 0 ? `${c.name} (${c.people})` : c.name))
    .join(', ');
}

const moved = (ids: string[], from: number, to: number) => {
  const out = [...ids];
  const [id] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, id!);
  return out;
};

export function DraftTable({
  items,
  rankedCount,
  onMove,
}: {
  items: DraftItem[];
  /** The first `rankedCount` items are ranked; the rest follow unranked. */
  rankedCount: number;
  onMove?: ((order: string[]) => void) | undefined;
}) {
  const [dragging, setDragging] = useState<number>();
  const [over, setOver] = useState<number>();
  if (items.length === 0) return <p style={{ color: color.subtle }}>No Roadmap Item is Prioritized or Development Ready yet.</p>;
  const ids = items.map((i) => i.id);
  const move = (from: number, to: number) => {
    if (onMove && to >= 0 && to < ids.length && from !== to) onMove(moved(ids, from, to));
  };
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body }} data-testid="draft-table">
      <thead>
        <tr style={{ color: color.subtle, font: font.headingS }}>
          <th style={cell}>Rank</th>
          <th style={cell}>Key</th>
          <th style={cell}>Summary</th>
          <th style={cell}>Stage</th>
          <th style={cell}>Target release</th>
          <th style={cell}>FST</th>
          <th style={cell}>Type / size</th>
          <th style={cell}>Committed companies (people)</th>
          <th style={cell}>Delivery</th>
          <th style={cell}>Committee decisions</th>
          {onMove ? (
            <th style={cell} className="no-print">
              Move
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          <tr
            key={item.id}
            data-testid={`draft-row-${item.key}`}
            data-key={item.key}
            draggable={onMove !== undefined}
            onDragStart={(e) => {
              setDragging(i);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', item.key);
            }}
            onDragOver={(e) => {
              if (dragging === undefined) return;
              e.preventDefault();
              setOver(i);
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== undefined) move(dragging, i);
              setDragging(undefined);
              setOver(undefined);
            }}
            onDragEnd={() => {
              setDragging(undefined);
              setOver(undefined);
            }}
            style={{
              cursor: onMove ? 'grab' : undefined,
              opacity: dragging === i ? 0.5 : 1,
              boxShadow: over === i && dragging !== i ? `inset 0 2px 0 ${color.text}` : undefined,
            }}
          >
            <td style={{ ...cell, whiteSpace: 'nowrap' }} data-testid="rank-cell">
              {i < rankedCount ? i + 1 : <span style={{ color: color.subtle }}>not ranked</span>}
            </td>
            <td style={{ ...cell, whiteSpace: 'nowrap' }}>{item.key}</td>
            <td style={cell}>{item.summary}</td>
            <td style={cell}>{item.statusName}</td>
            <td style={cell}>
              {item.release?.label ?? '—'}
              {item.slipped ? <span style={{ color: color.danger }}> (slipped)</span> : null}
            </td>
            <td style={cell}>{item.fst?.name ?? '—'}</td>
            <td style={cell}>{[item.type, item.size].filter(Boolean).join(' / ') || '—'}</td>
            <td style={cell}>{companiesText(item) || '—'}</td>
            <td style={cell} data-testid="progress-cell" title={item.progress?.sentence}>
              {item.progress ? `${item.progress.delivered} of ${item.progress.total} delivered` : '—'}
            </td>
            <td style={cell}>
              <DecisionsCell item={item} />
            </td>
            {onMove ? (
              <td style={{ ...cell, whiteSpace: 'nowrap' }} className="no-print">
                <button type="button" aria-label={`Move ${item.key} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
                  ↑
                </button>{' '}
                <button type="button" aria-label={`Move ${item.key} down`} disabled={i === items.length - 1} onClick={() => move(i, i + 1)}>
                  ↓
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
