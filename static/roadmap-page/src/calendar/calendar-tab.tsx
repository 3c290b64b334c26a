// The roadmap calendar (issue 13 item 7): the releases and milestones, PTGs and Forums of the
// series in development and the next, by date with today's place among them; which quarter each
// PTG (new roadmap) and Forum (refresh) publishes; and the name proposed for the next version.
// Dates no source publishes are marked "estimated" (src/domain/roadmap/calendar.ts says how).
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Fragment, useCallback, useEffect, useState } from 'react';
import type { CalendarEvent, CalendarLoadView } from '../../../../src/contract/roadmap-calendar';
import { whileLoading } from '../../../shared/busy';
import { Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { call, problemOf } from '../call';

type Load = { state: 'loading' } | { state: 'ready'; view: CalendarLoadView } | { state: 'failed'; message: string };

const cell = { padding: `${space.xs} ${space.s}`, borderBottom: `1px solid ${color.border}`, textAlign: 'left' as const };
const head = { ...cell, font: font.small, fontWeight: 600, color: color.subtle };

const KIND_TEXT: Record<CalendarEvent['kind'], string> = { ptg: 'PTG', forum: 'Forum / Summit', milestone: 'Milestone' };

function when(e: { date: string; endDate?: string }): string {
  return e.endDate ? `${e.date} to ${e.endDate}` : e.date;
}

export function CalendarTab() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const fetchView = useCallback(() => {
    setLoad({ state: 'loading' });
    whileLoading(call('calendar/load', {}))
      .then((view) => setLoad({ state: 'ready', view }))
      .catch((err: unknown) => setLoad({ state: 'failed', message: problemOf(err) }));
  }, []);
  useEffect(() => fetchView(), [fetchView]);

  if (load.state === 'loading') return <Spinner label="Loading the roadmap calendar" />;
  if (load.state === 'failed') {
    return (
      <SectionMessage appearance="error" title="The calendar could not load">
        <p>{load.message}</p>
        <Button onClick={fetchView}>Try again</Button>
      </SectionMessage>
    );
  }
  const { view } = load;
  return (
    <Stack gap={space.l}>
      <section aria-labelledby="calendar-proposal" data-testid="calendar-proposal">
        <h2 id="calendar-proposal" style={{ font: font.headingM, margin: `0 0 ${space.s}` }}>
          Next version: {view.proposal.name}
        </h2>
        <p style={{ margin: 0, font: font.body, color: color.subtle }}>
          The roadmap for {view.proposal.quarter.replace('-', ' ')} is{' '}
          {view.proposal.kind === 'new' ? 'a new roadmap, published at the PTG' : 'a refresh, published at the Forum'} (
          {view.proposal.event}
          ). A new roadmap is published at each PTG (Q1 and Q3), a refresh at each Forum (Q2 and Q4).
        </p>
      </section>
      {view.problem ? (
        <SectionMessage appearance="warning" title="The saved release calendar is set aside">
          <p>{view.problem}</p>
        </SectionMessage>
      ) : null}
      <section aria-labelledby="calendar-quarters">
        <h2 id="calendar-quarters" style={{ font: font.headingM, margin: `0 0 ${space.s}` }}>
          Roadmaps to publish
        </h2>
        <table aria-labelledby="calendar-quarters" style={{ borderCollapse: 'collapse', font: font.body }}>
          <thead>
            <tr>
              <th scope="col" style={head}>
                Quarter
              </th>
              <th scope="col" style={head}>
                Kind
              </th>
              <th scope="col" style={head}>
                Published at
              </th>
              <th scope="col" style={head}>
                Date
              </th>
              <th scope="col" style={head}>
                Version name
              </th>
            </tr>
          </thead>
          <tbody>
            {view.quarters.map((q) => (
              <tr key={q.quarter} data-quarter={q.quarter}>
                <th scope="row" style={{ ...cell, fontWeight: 400 }}>
                  {q.quarter.replace('-', ' ')}
                  {q.quarter === view.proposal.quarter ? ' (next)' : ''}
                </th>
                <td style={cell}>
                  <Lozenge appearance={q.kind === 'new' ? 'new' : 'inprogress'}>{q.kind === 'new' ? 'New roadmap' : 'Refresh'}</Lozenge>
                </td>
                <td style={cell}>{q.event}</td>
                <td style={cell}>
                  {q.date}
                  {q.estimated ? ' (estimated)' : ''}
                </td>
                <td style={cell}>{q.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="calendar-events">
        <h2 id="calendar-events" style={{ font: font.headingM, margin: `0 0 ${space.s}` }}>
          {view.series.map((s) => s.label).join(' and ')}: releases, milestones, PTGs and Forums
        </h2>
        <table data-testid="calendar-events" aria-labelledby="calendar-events" style={{ borderCollapse: 'collapse', font: font.body }}>
          <thead>
            <tr>
              <th scope="col" style={head}>
                Date
              </th>
              <th scope="col" style={head}>
                Series
              </th>
              <th scope="col" style={head}>
                Event
              </th>
              <th scope="col" style={head}>
                Kind
              </th>
              <th scope="col" style={head}>
                Roadmap
              </th>
            </tr>
          </thead>
          <tbody>
            {view.events.map((e, i) => {
              const past = i < view.todayIndex;
              return (
                <Fragment key={`${e.series.id}-${e.kind}-${e.milestone ?? ''}`}>
                  {i === view.todayIndex ? <TodayRow today={view.today} /> : null}
                  <tr
                    data-kind={e.kind}
                    data-series={e.series.id}
                    style={{ color: past ? color.subtlest : color.text, background: past ? color.sunken : undefined }}
                  >
                    <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                      {when(e)}
                      {e.estimated ? ' (estimated)' : ''}
                    </td>
                    <td style={cell}>{e.series.label}</td>
                    <th scope="row" style={{ ...cell, fontWeight: e.kind === 'milestone' ? 400 : 600 }}>
                      {e.label}
                    </th>
                    <td style={cell}>{KIND_TEXT[e.kind]}</td>
                    <td style={cell}>{e.roadmap ? e.roadmap.name : ''}</td>
                  </tr>
                </Fragment>
              );
            })}
            {view.todayIndex >= view.events.length ? <TodayRow today={view.today} /> : null}
          </tbody>
        </table>
      </section>
      <p style={{ font: font.small, color: color.subtlest, margin: 0 }}>
        Release and milestone dates are the release calendar in effect (openstack/releases, with the LCOO admin&apos;s entries). PTG weeks
        come from the series&apos; published schedules; a Forum comes with an OpenInfra Summit, and where no Summit is announced its date is
        estimated between two PTGs. This load: {view.cost.jiraCalls} Jira calls, {view.cost.storageCalls} storage call.
      </p>
    </Stack>
  );
}

function TodayRow({ today }: { today: string }) {
  return (
    <tr data-testid="calendar-today" aria-current="date">
      <td colSpan={5} style={{ ...cell, font: font.headingS, color: color.text, borderBottom: `2px solid ${color.text}` }}>
        Today, {today}
      </td>
    </tr>
  );
}
