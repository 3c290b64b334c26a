// The release scope tracker (issue 13 item 6): for a release (the next one to ship unless the
// person picks another), every Upstream Deliverable targeting it with its milestone against the
// release's schedule, its Roadmap Item's owner and committed people and time, and weekly update
// notes (the latest shown, the rest on demand); totals per company and per FST under it.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TrackerView } from '../../../../src/contract/scope-tracker';
import { whileLoading } from '../../../shared/busy';
import { Label } from '../../../shared/field';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { call, problemOf } from '../call';
import { DeliverablesTable } from './deliverables-table';
import { TotalsTables } from './totals-tables';

type Load = { state: 'loading' } | { state: 'ready'; view: TrackerView } | { state: 'failed'; message: string };

export function ScopeTrackerTab() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [releaseId, setReleaseId] = useState<string | undefined>(undefined);
  const asked = useRef(0);

  const fetchView = useCallback((id: string | undefined) => {
    const n = ++asked.current;
    setLoad((l) => (l.state === 'ready' ? l : { state: 'loading' }));
    whileLoading(call('tracker/load', id ? { releaseId: id } : {}))
      .then((view) => {
        if (n === asked.current) setLoad({ state: 'ready', view });
      })
      .catch((err: unknown) => {
        if (n === asked.current) setLoad({ state: 'failed', message: problemOf(err) });
      });
  }, []);

  useEffect(() => fetchView(releaseId), [fetchView, releaseId]);

  if (load.state === 'loading') return <Spinner label="Loading the release scope tracker" />;
  if (load.state === 'failed') {
    return (
      <SectionMessage appearance="error" title="The scope tracker could not load">
        <p>{load.message}</p>
        <Button onClick={() => fetchView(releaseId)}>Try again</Button>
      </SectionMessage>
    );
  }
  const { view } = load;
  return (
    <Stack gap={space.l}>
      <Row gap={space.m} align="flex-end">
        <Stack gap={space.xs}>
          <Label htmlFor="tracker-release">Release</Label>
          <select
            id="tracker-release"
            value={view.release.id}
            onChange={(e) => setReleaseId(e.target.value)}
            style={{
              font: font.body,
              padding: `${space.xs} ${space.s}`,
              color: color.text,
              background: color.surface,
              border: `1px solid ${color.border}`,
              borderRadius: 3,
            }}
          >
            {view.releases.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
                {r.id === view.nextReleaseId ? ' (next release)' : r.shipped ? ' (released)' : ''}
              </option>
            ))}
          </select>
        </Stack>
        <p style={{ margin: 0, font: font.small, color: color.subtle }}>
          {view.release.label} {view.release.shipped ? 'was released' : 'releases'} on {view.release.firstReleaseDate}
          {view.release.estimated ? ' (estimated)' : ''}.
        </p>
      </Row>
      <Schedule view={view} />
      {view.index.state === 'not-built' ? (
        <SectionMessage appearance="warning" title="The portfolio index is not built yet">
          <p>
            The tracker reads the app&apos;s index of the portfolio. A Jira administrator builds it once on the LCOO admin page (Portfolio
            index tab, &quot;Rebuild the portfolio index&quot;); the tracker fills in when it is ready.
          </p>
        </SectionMessage>
      ) : null}
      <section aria-labelledby="tracker-deliverables">
        <h2 id="tracker-deliverables" style={{ font: font.headingM, margin: `0 0 ${space.s}` }}>
          Upstream Deliverables targeting {view.release.label} ({view.rows.length})
        </h2>
        {view.hidden > 0 ? (
          <p style={{ font: font.small, color: color.subtle }}>
            {view.hidden} more {view.hidden === 1 ? 'deliverable has' : 'deliverables have'} a security level you are not in.
          </p>
        ) : null}
        <DeliverablesTable view={view} />
      </section>
      <TotalsTables view={view} />
      <p style={{ font: font.small, color: color.subtlest, margin: 0 }}>
        People and person-weeks are what each company committed on the Roadmap Item a deliverable delivers; each item counts once however
        many of its deliverables target the release. This load: {view.calls.jira} Jira {view.calls.jira === 1 ? 'call' : 'calls'},{' '}
        {view.calls.storage} storage calls.
      </p>
    </Stack>
  );
}

function Schedule({ view }: { view: TrackerView }) {
  const ms = view.release.milestones;
  if (ms.length === 0) return <p style={{ margin: 0, font: font.small, color: color.subtle }}>No published schedule for this release.</p>;
  return (
    <ol
      aria-label={`${view.release.label} schedule`}
      style={{ display: 'flex', flexWrap: 'wrap', gap: space.s, listStyle: 'none', padding: 0, margin: 0 }}
    >
      {ms.map((m) => {
        const past = m.date < view.today;
        return (
          <li
            key={m.kind}
            style={{
              font: font.small,
              padding: `${space.xs} ${space.s}`,
              border: `1px solid ${color.border}`,
              borderRadius: 3,
              color: past ? color.subtlest : color.text,
              background: past ? color.sunken : color.surface,
            }}
          >
            <strong>{m.label}</strong> {m.date}
            {m.estimated ? ' (estimated)' : ''}
          </li>
        );
      })}
    </ol>
  );
}
