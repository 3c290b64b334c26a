// The LCOO stage gate's rule configuration (create / edit / view in the workflow editor).
// A rule may override the admin's default gate settings: core approvals for Code Committed,
// the specification step, and the checklist items each stage requires. What it leaves out
// follows the admin page. Jira saves what workflowRules.onConfigure returns (a JSON string).
import { view } from '@forge/bridge';
import { workflowRules } from '@forge/jira-bridge';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { RuleConfig, ValidatorOptions } from '../../../src/contract/validator-config';
import type { Stage } from '../../../src/contract/domain-types';
import type { ChecklistItemId } from '../../../src/contract/domain-types';
import { markBusy } from '../../shared/busy';
import { ChecklistMatrix } from '../../shared/checklist-matrix';
import { call, isCallError } from './call';
import { enableTheme } from '../../shared/theme';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';

type EntryPoint = 'create' | 'edit' | 'view';

const coreReviewers = (n: number) => (n === 1 ? '1 core reviewer' : `${n} distinct core reviewers`);
function Setting(props: {
  title: string;
  usesDefault: boolean;
  readOnly: boolean;
  onDefault: (v: boolean) => void;
  id: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${props.id}-title`}
      style={{ borderTop: `1px solid ${color.border}`, paddingTop: space.m, display: 'flex', flexDirection: 'column', gap: space.s }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s, flexWrap: 'wrap' }}>
        <h2 id={`${props.id}-title`} style={{ font: font.headingS, margin: 0 }}>
          {props.title}
        </h2>
        {props.usesDefault ? <Lozenge>LCOO default</Lozenge> : <Lozenge appearance="inprogress">Set by this rule</Lozenge>}
        {props.readOnly ? null : (
          <label style={{ font: font.small, color: color.subtle, display: 'flex', alignItems: 'center', gap: 4 }}>
            <input type="checkbox" checked={props.usesDefault} onChange={(e) => props.onDefault(e.target.checked)} />
            Use the LCOO default
          </label>
        )}
      </div>
      {props.children}
    </section>
  );
}

function App() {
  const [entryPoint, setEntryPoint] = useState<EntryPoint>('create');
  const [options, setOptions] = useState<ValidatorOptions>();
  const [rule, setRule] = useState<RuleConfig>({});
  const [problem, setProblem] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const ruleRef = useRef<RuleConfig>({});
  ruleRef.current = rule;

  useEffect(() => {
    (async () => {
      const context = (await view.getContext()) as { extension?: { entryPoint?: EntryPoint; validatorConfig?: string } };
      const ext = context.extension ?? {};
      setEntryPoint(ext.entryPoint ?? 'create');
      // The server parses the stored value with the gate's own schema: the screen shows what the gate will apply.
      const loaded = await call('validator/options', ext.validatorConfig !== undefined ? { configuration: ext.validatorConfig } : {});
      if (loaded.stored?.ok) setRule(loaded.stored.config);
      else if (loaded.stored)
        setProblem(
          `The saved configuration of this rule is not valid (${loaded.stored.error}); the gate refuses every move until it is saved again.`,
        );
      setOptions(loaded);
      if (ext.entryPoint !== 'view') {
        // Jira calls this when the admin adds or updates the rule: only what the gate accepts is saved.
        await workflowRules.onConfigure(async () => (await call('validator/check', { config: ruleRef.current })).json);
      }
    })()
      .catch((err: unknown) =>
        setLoadError(
          isCallError(err)
            ? err.message
            : `The stage gate settings could not be loaded (${err instanceof Error ? err.message : String(err)}).`,
        ),
      )
      .finally(() => markBusy(false));
  }, []);

  if (loadError) {
    return (
      <SectionMessage appearance="error" title="Stage gate settings not available">
        <p>{loadError}</p>
      </SectionMessage>
    );
  }
  if (!options) return <Spinner label="Loading the stage gate settings" />;

  const readOnly = entryPoint === 'view';
  const d = options.defaults;
  const bounds = options.bounds.coreApprovalsRequired;
  const cores = rule.coreApprovalsRequired;
  const coresInvalid = cores !== undefined && (!Number.isInteger(cores) || cores < bounds.min || cores > bounds.max);
  const setField = <K extends keyof RuleConfig>(k: K, v: RuleConfig[K] | undefined) => {
    const next = { ...rule };
    if (v === undefined) delete next[k];
    else next[k] = v;
    setRule(next);
  };
  const fallback = (s: Stage): ChecklistItemId[] =>
    d.requiredChecklist[s] ?? (s === 'prioritized' ? options.checklistItems.map((i) => i.id) : []);
  const stageList = options.stages.filter(
    (s) => (rule.specificationStep ?? d.specificationStep) || (s.id !== 'spec-in-progress' && s.id !== 'spec-accepted'),
  );

  return (
    <main
      style={{
        color: color.text,
        font: font.body,
        padding: space.m,
        display: 'flex',
        flexDirection: 'column',
        gap: space.l,
        maxWidth: 900,
      }}
    >
      <p style={{ margin: 0, color: color.subtle }}>
        {readOnly
          ? 'This LCOO stage gate blocks a move forward until the target stage’s gate is met. Settings:'
          : 'Blocks a move forward until the target stage’s LCOO gate is met. Leave a setting on the LCOO default to follow the admin page.'}
      </p>
      {problem ? (
        <SectionMessage appearance="warning" title="Saved configuration not valid">
          <p>{problem}</p>
        </SectionMessage>
      ) : null}

      <Setting
        id="cores"
        title="Core approvals for Code Committed"
        usesDefault={cores === undefined}
        readOnly={readOnly}
        onDefault={(on) => setField('coreApprovalsRequired', on ? undefined : d.coreApprovalsRequired)}
      >
        {readOnly || cores === undefined ? (
          <span data-testid="cores-value">{coreReviewers(cores ?? d.coreApprovalsRequired)}</span>
        ) : (
          <div style={{ width: 140 }}>
            <label htmlFor="cores-input" style={{ font: font.small, color: color.subtle }}>
              Reviewers ({bounds.min}-{bounds.max})
            </label>
            <Textfield
              id="cores-input"
              type="number"
              min={bounds.min}
              max={bounds.max}
              isCompact
              value={Number.isFinite(cores) ? String(cores) : ''}
              isInvalid={coresInvalid}
              aria-describedby="cores-error"
              onChange={(e) => setField('coreApprovalsRequired', Number((e.target as HTMLInputElement).value))}
            />
            {coresInvalid ? (
              <div id="cores-error" role="alert" style={{ font: font.small, color: color.danger }}>
                Enter a whole number from {bounds.min} to {bounds.max}.
              </div>
            ) : null}
          </div>
        )}
      </Setting>

      <Setting
        id="spec"
        title="Specification step"
        usesDefault={rule.specificationStep === undefined}
        readOnly={readOnly}
        onDefault={(on) => setField('specificationStep', on ? undefined : d.specificationStep)}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: space.s }}>
          {readOnly || rule.specificationStep === undefined ? null : (
            <Toggle
              id="spec-toggle"
              label="Specification step"
              isChecked={rule.specificationStep}
              onChange={(e) => setField('specificationStep', e.target.checked)}
            />
          )}
          <span data-testid="spec-value">
            {(rule.specificationStep ?? d.specificationStep)
              ? 'On: deliverables go through Specification In Progress and Specification Accepted.'
              : 'Off: Blueprint Accepted leads straight to Coding In Progress.'}
          </span>
        </div>
      </Setting>

      <Setting
        id="checklist"
        title="Required checklist items"
        usesDefault={rule.requiredChecklist === undefined}
        readOnly={readOnly}
        onDefault={(on) => setField('requiredChecklist', on ? undefined : {})}
      >
        <ChecklistMatrix
          idPrefix="rule"
          stages={stageList}
          items={options.checklistItems}
          value={rule.requiredChecklist ?? {}}
          fallback={fallback}
          readOnly={readOnly || rule.requiredChecklist === undefined}
          onChange={(next) => setField('requiredChecklist', next)}
        />
      </Setting>
    </main>
  );
}

enableTheme();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
