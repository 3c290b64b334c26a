// The quarter's draft: the Roadmap Items on the roadmap (Prioritized, Development Ready), in the
// order of the chosen list (roadmap-wide, or one FST's). Those who may reorder a list move items
// by dragging a row or with its Move up / Move down buttons, then save; an FST lead submits the
// FST's list to the committee. Every list says who ranked it last, and when.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DraftView, RankingSaved } from '../../../../src/contract/roadmap';
import { whileLoading } from '../../../shared/busy';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Row, Stack } from '../../../shared/layout';
import { call, problemOf } from '../call';
import { DecisionForm } from './decisions';
import { DraftTable } from './draft-table';
import { Submissions, RecentChanges, stampText } from './ranking-notes';
import { agree, count } from '../../../shared/plural';

export function DraftTab() {
  const [view, setView] = useState<DraftView>();
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<{ kind: 'success' | 'warning' | 'error'; text: string }>();
  const [listIdx, setListIdx] = useState(0);
  const [order, setOrder] = useState<string[]>();
  const [busy, setBusy] = useState(false);

  const show = useCallback((v: DraftView) => {
    setView(v);
    setOrder(undefined);
  }, []);
  const load = useCallback(() => whileLoading(call('draft/load', {})).then(show), [show]);
  useEffect(() => {
    load().catch((err: unknown) => setError(problemOf(err)));
  }, [load]);

  const list = view?.ranking.lists[listIdx];
  const current = order ?? list?.order ?? [];
  const byId = useMemo(() => new Map((view?.items ?? []).map((i) => [i.id, i])), [view]);

  if (error)
    return (
      <SectionMessage appearance="error" title="The draft could not be loaded">
        <p>{error}</p>
      </SectionMessage>
    );
  if (!view || !list) return <Spinner label="Loading the draft" />;

  const dirty = order !== undefined;
  const saved = (v: RankingSaved, what: string) => {
    show(v);
    const left = v.searchLeft
      ? ` Jira's search has the new rank of the first items; ${count(v.searchLeft, 'more follows', 'more follow')} with the next save.`
      : '';
    setNote(
      v.searchNotUpdated.length > 0
        ? {
            kind: 'warning',
            text: `${what} Jira's search still shows the old rank of ${v.searchNotUpdated.join(', ')} (Jira refused the update: you may not edit those issues); the page shows the new order.${left}`,
          }
        : { kind: left ? 'warning' : 'success', text: `${what}${left}` },
    );
  };
  const fail = (err: unknown) => {
    setNote({ kind: 'error', text: problemOf(err) });
    // A conflict: show what is stored now.
    load().catch(() => undefined);
  };
  const save = () => {
    setBusy(true);
    whileLoading(call('ranking/save', { quarter: view.quarter.id, scope: list.scope, order: current, revision: view.ranking.revision }))
      .then((v) => saved(v, `The ${list.label} ranking is saved.`))
      .catch(fail)
      .finally(() => setBusy(false));
  };
  const submit = () => {
    if (list.scope.kind !== 'fst') return;
    setBusy(true);
    whileLoading(call('ranking/submit', { quarter: view.quarter.id, fst: list.scope.fst, revision: view.ranking.revision }))
      .then((v) => saved(v, `The ${list.label} list is submitted to the Roadmap Committee for ${view.quarter.label}.`))
      .catch(fail)
      .finally(() => setBusy(false));
  };

  const items = current.map((id) => byId.get(id)).filter((i): i is NonNullable<typeof i> => i !== undefined);
  return (
    <Stack gap={space.m}>
      <h2 style={{ font: font.headingM, margin: 0 }} data-testid="draft-heading">
        Draft for {view.quarter.label}: {count(view.items.length, 'item', 'items')} on the roadmap
      </h2>
      {view.source === 'search' ? (
        <SectionMessage appearance="information">
          <p>The portfolio index is not built yet, so this list was searched in Jira. An administrator builds it on the LCOO admin page.</p>
        </SectionMessage>
      ) : null}
      {view.ranking.problem ? (
        <SectionMessage appearance="warning">
          <p>{view.ranking.problem}</p>
        </SectionMessage>
      ) : null}
      {view.hidden > 0 ? (
        <p style={{ color: color.subtle, margin: 0 }}>
          {count(view.hidden, 'item has', 'items have')} an issue security level that does not include you.
        </p>
      ) : null}
      <Submissions lists={view.ranking.lists} quarter={view.quarter.label} />
      <Row gap={space.s} className="no-print">
        <label htmlFor="rank-list" style={{ font: font.headingS }}>
          Ranked list
        </label>
        <select
          id="rank-list"
          data-testid="rank-list"
          value={listIdx}
          disabled={dirty || busy}
          onChange={(e) => setListIdx(Number(e.target.value))}
          style={{ font: font.body, padding: space.xs }}
        >
          {view.ranking.lists.map((l, i) => (
            <option key={l.label} value={i}>
              {l.label} ({l.order.length})
            </option>
          ))}
        </select>
        <span style={{ color: color.subtle }} data-testid="rank-last">
          {list.last ? `Last ranked by ${stampText(list.last)}.` : 'Not ranked yet: items show in key order.'}{' '}
          {list.ranked < list.order.length && list.ranked > 0
            ? `${count(list.order.length - list.ranked, 'item', 'items')} not ranked yet ${agree(list.order.length - list.ranked, 'follows', 'follow')}.`
            : ''}
        </span>
      </Row>
      {!list.canRank && list.reason ? (
        <p style={{ color: color.subtle, margin: 0 }} className="no-print" data-testid="rank-reason">
          {list.reason}
        </p>
      ) : null}
      {note ? (
        <SectionMessage appearance={note.kind} testId="rank-note">
          <p>{note.text}</p>
        </SectionMessage>
      ) : null}
      {list.canRank ? (
        <Row gap={space.s} className="no-print">
          <Button appearance="primary" isDisabled={!dirty || busy} onClick={save} testId="rank-save">
            Save ranking
          </Button>
          <Button isDisabled={!dirty || busy} onClick={() => setOrder(undefined)}>
            Discard moves
          </Button>
          {list.scope.kind === 'fst' ? (
            <Button isDisabled={dirty || busy || list.order.length === 0} onClick={submit} testId="rank-submit">
              Submit to the Roadmap Committee
            </Button>
          ) : null}
          <span style={{ color: color.subtle, font: font.small }}>Drag a row, or use its Move up / Move down buttons.</span>
        </Row>
      ) : null}
      {view.decisions.problem ? (
        <SectionMessage appearance="warning">
          <p>{view.decisions.problem}</p>
        </SectionMessage>
      ) : null}
      <DecisionForm
        view={view}
        onRecorded={(v, what) => {
          setView(v);
          setNote({ kind: 'success', text: what });
        }}
      />
      <DraftTable
        items={items}
        rankedCount={dirty ? items.length : list.ranked}
        onMove={list.canRank && !busy ? (o) => setOrder(o) : undefined}
      />
      <RecentChanges history={view.ranking.history} />
    </Stack>
  );
}
