// Setup: a dry-run plan first (what exists, what will be created), then Run, with each
// step's progress shown live (the run stores every step in KVS; the page polls it) and a
// Resume when a step failed.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SetupResult, SetupStep } from '../../../src/contract/admin';
import { FieldError, Label } from '../../shared/field';
import { whileLoading } from '../../shared/busy';
import { call, isCallError } from './call';
import { Row, Stack } from '../../shared/layout';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';
import { Section } from './layout';

const STATE_LOZENGE: Record<SetupStep['state'], { text: string; appearance: 'success' | 'default' | 'removed' }> = {
  done: { text: 'Done', appearance: 'success' },
  todo: { text: 'To do', appearance: 'default' },
  failed: { text: 'Failed', appearance: 'removed' },
};

function StepList({ steps, running, planned }: { steps: SetupStep[]; running: boolean; planned: boolean }) {
  const firstOpen = steps.findIndex((s) => s.state !== 'done');
  return (
    <ol aria-label="Setup steps" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="setup-steps">
      {steps.map((step, i) => {
        const active = running && i === firstOpen;
        const lozenge = STATE_LOZENGE[step.state];
        return (
          <li
            key={step.id}
            data-testid={`step-${step.id}`}
            data-state={step.state}
            style={{
              display: 'grid',
              gridTemplateColumns: '28px 1fr auto',
              gap: space.s,
              padding: `${space.s} 0`,
              borderTop: i === 0 ? 'none' : `1px solid ${color.border}`,
            }}
          >
            <span style={{ font: font.small, color: color.subtlest, paddingTop: 2 }}>{i + 1}.</span>
            <div>
              <div style={{ font: font.headingS }}>{step.label}</div>
              {step.detail ? (
                <div style={{ font: font.small, color: step.state === 'failed' ? color.danger : color.subtle, marginTop: 2 }}>
                  {step.detail}
                </div>
              ) : null}
            </div>
            <div style={{ minWidth: 80, textAlign: 'right' }}>
              {active ? (
                <Row gap={space.xs} style={{ justifyContent: 'flex-end' }}>
                  <Spinner size="small" label={`Working on: ${step.label}`} />
                  <span style={{ font: font.small, color: color.subtle }}>Working…</span>
                </Row>
              ) : (
                <Lozenge appearance={lozenge.appearance}>{planned && step.state === 'todo' ? 'Will create' : lozenge.text}</Lozenge>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function SetupTab() {
  const [projectKey, setProjectKey] = useState('LCOO');
  const [result, setResult] = useState<SetupResult | undefined>();
  const [mode, setMode] = useState<'plan' | 'run' | undefined>();
  const [busy, setBusy] = useState<'plan' | 'run' | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [keyError, setKeyError] = useState<string | undefined>();
  const polling = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const stopPolling = () => {
    if (polling.current) clearInterval(polling.current);
    polling.current = undefined;
  };
  useEffect(() => stopPolling, []);

  // A reload shows where the last run got to (kept in KVS), so a failed step can be resumed.
  useEffect(() => {
    whileLoading(call('setup/status', { projectKey: 'LCOO' }))
      .then((s) => {
        if (s.lastRunAt || s.running) {
          setResult(s);
          setMode('run');
        }
      })
      .catch((err: unknown) => fail(err));
  }, []);

  const fail = (err: unknown) => {
    if (!isCallError(err)) return setError('Something went wrong. Reload the page and try again.');
    // A key the contract refuses comes back with the field named: show it beside the key.
    const details = err.details;
    const keyProblem = details && 'fieldErrors' in details ? details.fieldErrors['projectKey'] : undefined;
    if (keyProblem) setKeyError(keyProblem);
    else setError(err.message);
  };

  const plan = useCallback(async () => {
    setBusy('plan');
    setError(undefined);
    setKeyError(undefined);
    try {
      setResult(await call('setup/plan', { projectKey }));
      setMode('plan');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(undefined);
    }
  }, [projectKey]);

  const run = useCallback(async () => {
    setBusy('run');
    setError(undefined);
    setMode('run');
    // The run stores each step as it finishes; show them while the call is under way.
    polling.current = setInterval(() => {
      call('setup/status', { projectKey })
        .then((s) => setResult((current) => (polling.current ? s : current)))
        .catch(() => undefined);
    }, 600);
    try {
      const done = await call('setup/run', { projectKey });
      stopPolling();
      setResult(done);
    } catch (err) {
      stopPolling();
      fail(err);
    } finally {
      setBusy(undefined);
    }
  }, [projectKey]);

  const failed = result?.steps.some((s) => s.state === 'failed') ?? false;
  const allDone = !!result && result.steps.every((s) => s.state === 'done');
  const running = busy === 'run';

  return (
    <Stack gap={space.l}>
      <Section
        id="setup-project"
        title="Project"
        description="The company-managed project whose Roadmap Items and Upstream Deliverables follow the LCOO lifecycles. Setup only creates what is missing, so running it again is safe."
      >
        <Row align="flex-end">
          <Stack gap={space.xs} style={{ width: 200 }}>
            <Label htmlFor="project-key">Project key</Label>
            <Textfield
              id="project-key"
              value={projectKey}
              isCompact
              isInvalid={!!keyError}
              aria-describedby={keyError ? 'project-key-error' : undefined}
              onChange={(e) => setProjectKey((e.target as HTMLInputElement).value.toUpperCase())}
            />
          </Stack>
          <Button onClick={() => void plan()} isDisabled={!!busy} isLoading={busy === 'plan'}>
            Check what setup will do
          </Button>
          <Button appearance="primary" onClick={() => void run()} isDisabled={!!busy || !result} isLoading={running} testId="run-setup">
            {failed ? 'Resume setup' : 'Run setup'}
          </Button>
        </Row>
        <FieldError id="project-key" message={keyError} />
      </Section>

      {error ? (
        <SectionMessage appearance="error" title="Setup could not go on">
          <p>{error}</p>
        </SectionMessage>
      ) : null}

      {result ? (
        <Section
          id="setup-steps-title"
          title={mode === 'plan' ? `Plan for ${result.projectKey}` : `Setup of ${result.projectKey}`}
          {...(mode === 'plan' ? { description: 'Nothing has been changed yet. Review the plan, then run setup.' } : {})}
        >
          <StepList steps={result.steps} running={running} planned={mode === 'plan'} />
          {!running && mode === 'run' && allDone ? (
            <SectionMessage appearance="success" title="Setup is complete">
              <p>
                {result.created.length > 0 ? `Created: ${result.created.join(', ')}.` : 'Everything already existed; nothing was created.'}{' '}
                Every move forward in both workflows now passes the LCOO stage gate.
              </p>
            </SectionMessage>
          ) : null}
          {!running && failed ? (
            <SectionMessage appearance="warning" title="Setup stopped at a failed step">
              <p>Fix what the failed step says, then choose Resume setup: steps that are done are not repeated.</p>
            </SectionMessage>
          ) : null}
        </Section>
      ) : null}
    </Stack>
  );
}
