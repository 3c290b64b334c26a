// The draft's items as a table (a plain <table>: it prints as is).
import type { DraftItem } from '../../../../src/contract/roadmap';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';

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

export function DraftTable({ items }: { items: DraftItem[] }) {
  if (items.length === 0) return <p style={{ color: color.subtle }}>No Roadmap Item is Prioritized or Development Ready yet.</p>;
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body }} data-testid="draft-table">
      <thead>
        <tr style={{ color: color.subtle, font: font.headingS }}>
          <th style={cell}>Key</th>
          <th style={cell}>Summary</th>
          <th style={cell}>Stage</th>
          <th style={cell}>Target release</th>
          <th style={cell}>FST</th>
          <th style={cell}>Type / size</th>
          <th style={cell}>Committed companies (people)</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.key} data-testid={`draft-row-${item.key}`}>
            <td style={cell}>{item.key}</td>
            <td style={cell}>{item.summary}</td>
            <td style={cell}>{item.statusName}</td>
            <td style={cell}>
              {item.release?.label ?? '—'}
              {item.slipped ? <span style={{ color: color.danger }}> (slipped)</span> : null}
            </td>
            <td style={cell}>{item.fst?.name ?? '—'}</td>
            <td style={cell}>{[item.type, item.size].filter(Boolean).join(' / ') || '—'}</td>
            <td style={cell}>{companiesText(item) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
