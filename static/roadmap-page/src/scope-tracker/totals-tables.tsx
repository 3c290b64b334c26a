// People and time per company and per FST for the release, with the release's total.
import type { TotalLine, TrackerView } from '../../../../src/contract/scope-tracker';
import { Row } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { companyName, fstName } from './format';

const cell = { padding: `${space.xs} ${space.s}`, borderBottom: `1px solid ${color.border}`, textAlign: 'right' as const };
const head = { ...cell, font: font.small, fontWeight: 600, color: color.subtle };
const num = { ...cell, fontVariantNumeric: 'tabular-nums' as const };

function TotalsTable({
  id,
  title,
  lines,
  nameOf,
  all,
}: {
  id: string;
  title: string;
  lines: TotalLine[];
  nameOf: (id: string) => string;
  all: Omit<TotalLine, 'id'>;
}) {
  return (
    <table aria-labelledby={id} style={{ borderCollapse: 'collapse', font: font.body, minWidth: 360 }}>
      <caption id={id} style={{ textAlign: 'left', font: font.headingS, paddingBottom: space.xs }}>
        {title}
      </caption>
      <thead>
        <tr>
          <th scope="col" style={{ ...head, textAlign: 'left' }}>
            {title.startsWith('Per company') ? 'Company' : 'FST'}
          </th>
          <th scope="col" style={head}>
            People
          </th>
          <th scope="col" style={head}>
            Person-weeks
          </th>
          <th scope="col" style={head}>
            Roadmap Items
          </th>
          <th scope="col" style={head}>
            Deliverables
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td colSpan={5} style={{ ...cell, textAlign: 'left', color: color.subtle }}>
              Nothing committed for this release yet.
            </td>
          </tr>
        ) : (
          lines.map((l) => (
            <tr key={l.id}>
              <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 400 }}>
                {nameOf(l.id)}
              </th>
              <td style={num}>{l.people}</td>
              <td style={num}>{l.personWeeks}</td>
              <td style={num}>{l.items}</td>
              <td style={num}>{l.deliverables}</td>
            </tr>
          ))
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" style={{ ...cell, textAlign: 'left' }}>
            Release total
          </th>
          <td style={{ ...num, fontWeight: 600 }}>{all.people}</td>
          <td style={{ ...num, fontWeight: 600 }}>{all.personWeeks}</td>
          <td style={{ ...num, fontWeight: 600 }}>{all.items}</td>
          <td style={{ ...num, fontWeight: 600 }}>{all.deliverables}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function TotalsTables({ view }: { view: TrackerView }) {
  return (
    <section aria-labelledby="tracker-totals">
      <h2 id="tracker-totals" style={{ font: font.headingM, margin: `0 0 ${space.s}` }}>
        People and time committed to {view.release.label}
      </h2>
      <Row gap={space.xl} align="flex-start">
        <TotalsTable
          id="totals-company"
          title="Per company"
          lines={view.totals.byCompany}
          nameOf={(id) => companyName(view, id)}
          all={view.totals.all}
        />
        <TotalsTable id="totals-fst" title="Per FST" lines={view.totals.byFst} nameOf={(id) => fstName(view, id)} all={view.totals.all} />
      </Row>
    </section>
  );
}
