// The portfolio index: its state, "Rebuild the portfolio index" and the rebuild's progress.
// The rebuild runs in steps (async events), each its own invocation; the page polls the
// progress the steps store, and offers Resume when a step failed or stopped answering.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IndexStatusView } from '../../../src/contract/portfolio-index';
import { whileLoading } from '../../shared/busy';
import { call, isCallError } from './call';
import { Row, Stack } from '../../shared/layout';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';
import { Section } from './layout';
import { count } from '../../shared/plural';

const when = (iso: string | undefined) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'never';

function Progress({ rebuild }: { rebuild: NonNullable<IndexStatusView['rebuild']> }) {
  const total = rebuild.total;
  const of = total !== undefined ? ` of about ${total.toLocaleString('en-US')}` : '';
  const label =
    rebuild.state === 'running'
      ? `${rebuild.done.toLocaleString('en-US')}${of} ${total === undefined && rebuild.done === 1 ? 'item' : 'items'} indexed so far (step ${rebuild.steps + 1})`
      : rebuild.state === 'done'
        ? `${count(rebuild.done, 'item', 'items')} indexed in ${count(rebuild.steps, 'step', 'steps')}, finished ${when(rebuild.finishedAt)}`
        : `Stopped after ${rebuild.done.toLocaleString('en-US')}${of} ${total === undefined && rebuild.done === 1 ? 'item' : 'items'} (step ${rebuild.steps})`;
  const reindexed = rebuild.reindexed
    ? ` ${count(rebuild.reindexed, 'record', 'records')} re-indexed for JQL search${
        rebuild.reindexLeft ? `, ${rebuild.reindexLeft.toLocaleString('en-US')} left for the next rebuild` : ''
      }.`
    : '';
  return (
    <Stack gap={space.xs}>
      <progress
        aria-label="Rebuild progress"
        data-testid="index-progress"
        max={total && total > 0 ? total : 1}
        value={rebuild.state === 'done' ? (total ?? 1) : Math.min(rebuild.done, total ?? 0)}
        style={{ width: '100%', height: 8 }}
      />
      <span style={{ font: font.small, color: color.subtle }} data-testid="index-progress-text">
        {label}
        {reindexed}
      </span>
    </Stack>
  );
}

export function IndexTab() {
  const [status, setStatus] = useState<IndexStatusView>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const polling = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const stopPolling = () => {
    if (polling.current) clearInterval(polling.current);
    polling.current = undefined;
  };
  useEffect(() => stopPolling, []);

  const show = useCallback((s: IndexStatusView) => {
    setStatus(s);
    // Poll while steps are running; stop when the rebuild ended (or stalled: Resume is offered).
    const running = s.rebuild?.state === 'running' && !s.rebuild.stalled;
    if (running && !polling.current) {
      polling.current = setInterval(() => {
        call('index/status', {})
          .then((next) => {
            setStatus(next);
            if (next.rebuild?.state !== 'running' || next.rebuild.stalled) stopPolling();
          })
          .catch(() => undefined);
      }, 1000);
    }
  }, []);

  const fail = (err: unknown) => setError(isCallError(err) ? err.message : 'Something went wrong. Reload the page and try again.');

  useEffect(() => {
    whileLoading(call('index/status', {}))
      .then(show)
      .catch((err: unknown) => fail(err));
  }, [show]);

  const act = async (key: 'index/rebuild' | 'index/resume') => {
    setBusy(true);
    setError(undefined);
    try {
      show(await call(key, {}));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const rebuild = status?.rebuild;
  const running = rebuild?.state === 'running' && !rebuild.stalled;
  const canResume = rebuild?.state === 'failed' || !!rebuild?.stalled;
  return (
    <Stack gap={space.l}>
      <Section
        title="Portfolio index"
        id="index-title"
        description="The portfolio gadget answers from this index of every Roadmap Item and Upstream Deliverable, kept current on every save and Jira event and reconciled with Jira every hour. Rebuild it after changing the gate settings or when it looks wrong; the gadget keeps answering meanwhile."
      >
        {status ? (
          <div
            data-testid="index-status"
            style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${space.xs} ${space.m}` }}
          >
            <span style={{ color: color.subtle }}>State</span>
            <span>
              {status.state === 'ready' ? (
                <Lozenge appearance="success">Ready</Lozenge>
              ) : (
                <Row gap={space.s}>
                  <Lozenge appearance="moved">Not built</Lozenge>
                  <span style={{ font: font.small, color: color.subtle }}>the gadget searches Jira on every load until it is</span>
                </Row>
              )}
            </span>
            <span style={{ color: color.subtle }}>Items</span>
            <span data-testid="index-rows">{status.rows.toLocaleString('en-US')}</span>
            <span style={{ color: color.subtle }}>Last rebuilt</span>
            <span>{when(status.builtAt)}</span>
            <span style={{ color: color.subtle }}>Last reconciled with Jira</span>
            <span>{when(status.reconciledAt)}</span>
          </div>
        ) : null}
        {rebuild ? <Progress rebuild={rebuild} /> : null}
        {rebuild?.state === 'failed' ? (
          <SectionMessage appearance="error" title="The rebuild stopped" testId="index-failed">
            <p>{rebuild.error}</p>
            <p>Resume continues from the last item it indexed.</p>
          </SectionMessage>
        ) : null}
        {rebuild?.stalled ? (
          <SectionMessage appearance="warning" title="The rebuild has not moved for 15 minutes" testId="index-stalled">
            <p>Its last step did not finish. Resume continues from the last item it indexed.</p>
          </SectionMessage>
        ) : null}
        {error ? (
          <SectionMessage appearance="error" testId="index-error">
            <p>{error}</p>
          </SectionMessage>
        ) : null}
        <Row gap={space.s}>
          <Button appearance="primary" onClick={() => void act('index/rebuild')} isDisabled={busy || running} testId="index-rebuild">
            Rebuild the portfolio index
          </Button>
          {canResume ? (
            <Button onClick={() => void act('index/resume')} isDisabled={busy} testId="index-resume">
              Resume
            </Button>
          ) : null}
        </Row>
      </Section>
    </Stack>
  );
}
