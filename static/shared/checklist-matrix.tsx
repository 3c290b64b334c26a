// Which vetting checklist items each stage requires: one row per gated stage, one column per
// checklist item (numbered as in the LCOO checklist). Used by the stage gate's configuration
// screen and by the admin page's default gate settings.
import type { ChecklistItemId } from '../../src/contract/domain-types';
import type { Stage } from '../../src/contract/domain-types';
import * as color from './color';
import * as font from './font';

export interface MatrixStage {
  id: Stage;
  statusName: string;
}
export interface MatrixItem {
  id: ChecklistItemId;
  number: number;
  label: string;
}

export function ChecklistMatrix(props: {
  idPrefix: string;
  stages: MatrixStage[];
  items: MatrixItem[];
  value: Partial<Record<Stage, ChecklistItemId[]>>;
  /** What a stage requires when `value` leaves it out (shown, not stored). */
  fallback?: (stage: Stage) => ChecklistItemId[];
  readOnly?: boolean;
  onChange?(next: Partial<Record<Stage, ChecklistItemId[]>>): void;
}) {
  const current = (stage: Stage): ChecklistItemId[] => props.value[stage] ?? props.fallback?.(stage) ?? [];
  const toggle = (stage: Stage, item: ChecklistItemId, on: boolean) => {
    const now = new Set(current(stage));
    if (on) now.add(item);
    else now.delete(item);
    props.onChange?.({ ...props.value, [stage]: props.items.map((i) => i.id).filter((id) => now.has(id)) });
  };
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', font: font.small }} data-testid={`${props.idPrefix}-matrix`}>
        <caption style={{ textAlign: 'left', color: color.subtle, paddingBottom: 4 }}>
          Checklist items required to enter each stage (columns are the numbered LCOO checklist items).
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left', padding: '4px 8px', borderBottom: `1px solid ${color.border}` }}>
              Stage
            </th>
            {props.items.map((i) => (
              <th
                key={i.id}
                scope="col"
                title={i.label}
                style={{ padding: '4px 6px', borderBottom: `1px solid ${color.border}`, minWidth: 24 }}
              >
                <abbr title={i.label} style={{ textDecoration: 'none' }}>
                  {i.number}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.stages.map((s) => {
            const selected = new Set(current(s.id));
            return (
              <tr key={s.id}>
                <th scope="row" style={{ textAlign: 'left', padding: '4px 8px', fontWeight: 500, whiteSpace: 'nowrap' }}>
                  {s.statusName}
                </th>
                {props.items.map((i) => (
                  <td key={i.id} style={{ textAlign: 'center', padding: '2px 6px' }}>
                    <input
                      type="checkbox"
                      aria-label={`${s.statusName} requires ${i.number}. ${i.label}`}
                      checked={selected.has(i.id)}
                      disabled={props.readOnly}
                      onChange={(e) => toggle(s.id, i.id, e.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
