// A pivot as a heat-map table: darker cells hold more items. Numbers stay in the cells so
// the table reads without the colours too. A cell with items is a button: it sets the filters
// for its row and column, so the table below shows exactly those items (drill-down).
import type { ReactNode } from 'react';
import type { Matrix } from '../../../../src/contract/domain-types';
import { heatLevel } from '../format';
import { card, cardTitle, heat, small } from '../styles';

interface Props<T> {
  title: string;
  hint?: string;
  matrix: Matrix<T>;
  rowLabel: (row: string) => string;
  columnLabel: (column: string) => string;
  /** The number that decides the shade. */
  value: (cell: T) => number;
  render?: (cell: T) => ReactNode;
  cellTitle?: (row: string, column: string, cell: T) => string;
  testId: string;
  empty: string;
  /** The corner header: what the rows are (e.g. "FST"), read by screen readers and shown. */
  corner: string;
  /** Filters the table to this cell's items; undefined for rows or columns no filter can name (e.g. "No FST"). */
  onCell?: (row: string, column: string) => (() => void) | undefined;
}

export function HeatMap<T>({
  title,
  hint,
  matrix,
  rowLabel,
  columnLabel,
  value,
  render,
  cellTitle,
  testId,
  empty,
  corner,
  onCell,
}: Props<T>) {
  const max = Math.max(0, ...matrix.cells.flat().map(value));
  return (
    <section style={card} aria-label={title} data-testid={testId}>
      <h2 style={cardTitle}>{title}</h2>
      {hint ? <div style={{ ...small, marginTop: -6, marginBottom: 6 }}>{hint}</div> : null}
      {matrix.rows.length === 0 ? (
        <div style={small}>{empty}</div>
      ) : (
        // A scroll box a keyboard can reach (tabIndex) and a screen reader can name (role=region).
        <div className="lcoo-scroll" tabIndex={0} role="region" aria-label={`${title} table`}>
          {/* Many columns (e.g. every FST): headers are turned upright so names stay whole. The
              minimum width keeps every header whole in a half-width gadget: the box scrolls instead. */}
          <table className="lcoo-heat" style={{ minWidth: 130 + matrix.columns.length * (matrix.columns.length > 5 ? 34 : 76) }}>
            {/* Fixed layout: every value column gets the same width, whatever its numbers. */}
            <colgroup>
              <col style={{ width: '28%' }} />
              {matrix.columns.map((c) => (
                <col key={c} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th scope="col" className="lcoo-heat-corner">
                  {corner}
                </th>
                {matrix.columns.map((c) => (
                  <th
                    key={c}
                    scope="col"
                    title={columnLabel(c)}
                    className={matrix.columns.length > 5 ? 'lcoo-heat-col lcoo-heat-col-turned' : 'lcoo-heat-col'}
                  >
                    {columnLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((r, ri) => (
                <tr key={r}>
                  <th scope="row">{rowLabel(r)}</th>
                  {matrix.columns.map((c, ci) => {
                    const cell = matrix.cells[ri]?.[ci];
                    if (cell === undefined) return <td key={c} />;
                    const shade = heat[heatLevel(value(cell), max)]!;
                    const label = cellTitle ? cellTitle(r, c, cell) : `${rowLabel(r)} / ${columnLabel(c)}: ${value(cell)}`;
                    const content = render ? render(cell) : value(cell) || '';
                    const drill = content === '' ? undefined : onCell?.(r, c);
                    return (
                      <td key={c} style={shade} title={label}>
                        {drill ? (
                          <button
                            type="button"
                            className="lcoo-cell"
                            onClick={drill}
                            data-testid={`${testId}-cell`}
                            data-row={r}
                            data-column={c}
                          >
                            {content}
                            {/* The name starts with what is shown (WCAG 2.5.3), then says what a click does. */}
                            <span className="lcoo-visually-hidden"> ({label}). Show these in the table.</span>
                          </button>
                        ) : (
                          content
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
