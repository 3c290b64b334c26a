// The stage funnel of both lifecycles as plain CSS bars: where items pile up is visible at
// a glance. Clicking a stage filters the portfolio to it.
import type { Stage } from '../../../../src/contract/domain-types';
import type { Portfolio } from '../../../../src/contract/domain-types';
import * as space from '../../../shared/space';
import * as color from '../color';
import { card, cardTitle, small } from '../styles';
import { count } from '../../../shared/plural';

interface Props {
  funnels: Portfolio['funnels'];
  selected: readonly Stage[];
  onToggleStage: (stage: Stage) => void;
}

function Funnel({
  title,
  steps,
  bar,
  selected,
  onToggleStage,
}: {
  title: string;
  steps: { stage: Stage; statusName: string; count: number }[];
  bar: string;
  selected: readonly Stage[];
  onToggleStage: (stage: Stage) => void;
}) {
  const max = Math.max(1, ...steps.map((s) => s.count));
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ ...small, fontWeight: 600, marginBottom: space.xs }}>{title}</div>
      {steps.map((s) => {
        const pressed = selected.includes(s.stage);
        return (
          <button
            key={s.stage}
            type="button"
            onClick={() => onToggleStage(s.stage)}
            aria-pressed={pressed}
            title={`${s.statusName}: ${count(s.count, 'item', 'items')}. Click to ${pressed ? 'remove this stage from' : 'add this stage to'} the filter.`}
            data-testid={`funnel-${s.stage}`}
            style={{
              display: 'grid',
              gridTemplateColumns: 'minmax(110px, 55%) 1fr 32px',
              alignItems: 'center',
              gap: space.s,
              width: '100%',
              padding: '2px 4px',
              margin: 0,
              border: `1px solid ${pressed ? color.selectedBorder : 'transparent'}`,
              borderRadius: 3,
              background: pressed ? color.selected : 'transparent',
              color: color.text,
              font: 'inherit',
              fontSize: 12,
              cursor: 'pointer',
              textAlign: 'left',
            }}
          >
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{s.statusName}</span>
            <span style={{ background: color.neutral, borderRadius: 2, height: 12, display: 'block' }}>
              <span
                style={{
                  display: 'block',
                  height: 12,
                  borderRadius: 2,
                  width: `${(s.count / max) * 100}%`,
                  minWidth: s.count > 0 ? 2 : 0,
                  background: bar,
                }}
              />
            </span>
            <span style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{s.count}</span>
          </button>
        );
      })}
    </div>
  );
}

export function StageFunnel({ funnels, selected, onToggleStage }: Props) {
  return (
    <section style={card} aria-label="Stage funnel">
      <h2 style={cardTitle}>Stage funnel</h2>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(250px, 1fr))', gap: space.m }}>
        <Funnel
          title="Roadmap Items (vetting)"
          steps={funnels.portfolio}
          bar={color.portfolioBar}
          selected={selected}
          onToggleStage={onToggleStage}
        />
        <Funnel
          title="Upstream Deliverables (delivery)"
          steps={funnels.delivery}
          bar={color.deliveryBar}
          selected={selected}
          onToggleStage={onToggleStage}
        />
      </div>
    </section>
  );
}
