// How far the vetting checklists are: Roadmap Items per completeness bucket. Records changed
// outside the app are never counted complete (the domain decides, this only draws).
import type { Portfolio } from '../../../../src/contract/domain-types';
import * as space from '../../../shared/space';
import * as color from '../color';
import { card, cardTitle, small } from '../styles';
import { agree, count } from '../../../shared/plural';

export function CompletenessChart({ buckets, integrityProblems }: { buckets: Portfolio['completeness']; integrityProblems: number }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const height = 72;
  return (
    <section style={card} aria-label="Vetting checklist completeness" data-testid="completeness-chart">
      <h2 style={cardTitle}>Vetting checklist completeness</h2>
      <svg
        role="img"
        aria-label={buckets.map((b) => `${b.label}: ${b.count}`).join(', ')}
        viewBox={`0 0 ${buckets.length * 60} ${height + 30}`}
        width="100%"
        style={{ maxHeight: 130 }}
      >
        {buckets.map((b, i) => {
          const h = (b.count / max) * height;
          return (
            <g key={b.bucket}>
              <title>{`${b.label}: ${count(b.count, 'Roadmap Item', 'Roadmap Items')}`}</title>
              <rect
                x={i * 60 + 10}
                y={height - h + 12}
                width={40}
                height={Math.max(h, b.count > 0 ? 1 : 0)}
                rx={2}
                fill={i === buckets.length - 1 ? color.completeBar : color.portfolioBar}
              />
              <text x={i * 60 + 30} y={height - h + 8} textAnchor="middle" fontSize={11} fill={color.text}>
                {b.count}
              </text>
              <text x={i * 60 + 30} y={height + 26} textAnchor="middle" fontSize={10} fill={color.subtle}>
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
      {integrityProblems > 0 ? (
        <div style={{ ...small, color: color.warningText, marginTop: space.xs }}>
          {`${count(integrityProblems, 'item has', 'items have')} no record saved in the LCOO panel, or one changed outside it: ${agree(integrityProblems, 'it counts', 'they count')} as incomplete until someone saves ${agree(integrityProblems, 'it', 'them')} from the LCOO panel.`}
        </div>
      ) : null}
    </section>
  );
}
