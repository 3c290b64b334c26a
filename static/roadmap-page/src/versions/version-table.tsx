// A published version's items as a table (a plain <table>: it prints as is).
import type { VersionItem } from '../../../../src/contract/roadmap';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';

export const cell = {
  padding: `${space.xs} ${space.s}`,
  borderBottom: `1px solid ${color.border}`,
  textAlign: 'left' as const,
  verticalAlign: 'top' as const,
};

export const companiesOf = (i: VersionItem) => i.companies.map((c) => (c.people > 0 ? `${c.name} (${c.people})` : c.name)).join(', ');

export function VersionTable({ items, stageNames }: { items: VersionItem[]; stageNames: Record<string, string> }) {
  if (items.length === 0) return <p style={{ color: color.subtle }}>This version holds no items.</p>;
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body }} data-testid="version-table">
      <thead>
        <tr style={{ color: color.subtle, font: font.headingS }}>
          <th style={cell}>Rank</th>
          <th style={cell}>Key</th>
          <th style={cell}>Summary</th>
          <th style={cell}>Stage</th>
          <th style={cell}>Target release</th>
          <th style={cell}>FST (rank)</th>
          <th style={cell}>Type / size</th>
          <th style={cell}>Committed companies (people)</th>
          <th style={cell}>Delivery</th>
          <th style={cell}>Committee decisions</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id} data-testid={`version-row-${i.key}`}>
            <td style={cell}>{i.rank ?? '—'}</td>
            <td style={{ ...cell, whiteSpace: 'nowrap' }}>{i.key}</td>
            <td style={cell}>{i.summary}</td>
            <td style={cell}>{stageNames[i.stage] ?? i.stage}</td>
            <td style={cell}>
              {i.release ?? '—'}
              {i.slipped ? <span style={{ color: color.danger }}> (slipped)</span> : null}
            </td>
            <td style={cell}>{i.fst ? `${i.fst}${i.fstRank ? ` (${i.fstRank})` : ''}` : '—'}</td>
            <td style={cell}>{[i.type, i.size].filter(Boolean).join(' / ') || '—'}</td>
            <td style={cell}>{companiesOf(i) || '—'}</td>
            <td style={cell}>{i.progress ? `${i.progress.delivered} of ${i.progress.total} delivered` : '—'}</td>
            <td style={cell} data-testid={`version-decisions-${i.key}`}>
              {[
                i.decisions?.targetRelease ? `Target release: ${i.decisions.targetRelease}` : '',
                i.decisions?.deliveryStrategy ? `Delivery strategy: ${i.decisions.deliveryStrategy}` : '',
              ]
                .filter(Boolean)
                .join('; ') || '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
