// A pivot as a heat-map table: darker cells hold more items. Numbers stay in the cells so
// the table reads without the colours too.
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
}

export function HeatMap<T>({ title, hint, matrix, rowLabel, columnLabel, value, render, cellTitle, testId, empty }: Props<T>) {
  const max = Math.max(0, ...matrix.cells.flat().map(value));
  return (
    <section style={card} aria-label={title} data-testid={testId}>
      <h3 style={cardTitle}>{title}</h3>
      {hint ? <div style={{ ...small, marginTop: -6, marginBottom: 6 }}>{hint}</div> : null}
      {matrix.rows.length === 0 ? (
        <div style={small}>{empty}</div>
      ) : (
        <div className="lcoo-scroll">
          {/* Many columns (e.g. every FST): headers are turned upright so names stay whole. */}
          <table className="lcoo-heat">
            {/* Fixed layout: every value column gets the same width, whatever its numbers. */}
            <colgroup>
              <col style={{ width: '28%' }} />
              {matrix.columns.map((c) => (
                <col key={c} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th scope="col" />
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
                    return (
                      <td
                        key={c}
                        style={shade}
                        title={cellTitle ? cellTitle(r, c, cell) : `${rowLabel(r)} / ${columnLabel(c)}: ${value(cell)}`}
                      >
                        {render ? render(cell) : value(cell) || ''}
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
