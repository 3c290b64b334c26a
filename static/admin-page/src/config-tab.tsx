// Configuration: FSTs, member companies, the Jira groups allowed to give each approval, and
// the default gate settings. The server checks everything (zod, and that each group exists)
// and answers with an error per field, shown beside that field.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useEffect, useState } from 'react';
import type { AppConfig } from '../../../src/contract/domain-types';
import type { ConfigView, FieldErrors } from '../../../src/contract/admin';
import type { ApprovalRole } from '../../../src/contract/domain-types';
import type { Stage } from '../../../src/contract/domain-types';
import type { ChecklistItemId } from '../../../src/contract/domain-types';
import { FieldError, Label } from '../../shared/field';
import { whileLoading } from '../../shared/busy';
import { call, isCallError } from './call';
import { ChecklistMatrix } from '../../shared/checklist-matrix';
import { Row, Stack } from '../../shared/layout';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';
import { Section } from './layout';

/** Hidden from sight, not from screen readers: list rows share one visible column header. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

function ColumnHeads({ columns }: { columns: { label: string; width: number }[] }) {
  return (
    <Row align="flex-end" style={{ marginBottom: `calc(-1 * ${space.xs})` }}>
      {columns.map((c) => (
        <div key={c.label} aria-hidden="true" style={{ width: c.width, font: font.small, fontWeight: 600, color: color.subtle }}>
          {c.label}
        </div>
      ))}
    </Row>
  );
}

function TextCell(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  onChange: (v: string) => void;
  width?: number;
  hideLabel?: boolean;
}) {
  return (
    <Stack gap={space.xs} style={{ width: props.width ?? 200 }}>
      {props.hideLabel ? (
        <label htmlFor={props.id} style={visuallyHidden}>
          {props.label}
        </label>
      ) : (
        <Label htmlFor={props.id}>{props.label}</Label>
      )}
      <Textfield
        id={props.id}
        value={props.value}
        isCompact
        isInvalid={!!props.error}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).value)}
      />
      <FieldError id={props.id} message={props.error} />
    </Stack>
  );
}

/** Errors whose path starts with `prefix` ("fsts" also catches "fsts.2.name"), for a list-level message. */
const errorAt = (errors: FieldErrors, path: string) => errors[path];

export function ConfigTab() {
  const [view, setView] = useState<ConfigView | undefined>();
  const [config, setConfig] = useState<AppConfig | undefined>();
  const [groupText, setGroupText] = useState<Record<ApprovalRole, string>>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'warning'; text: string } | undefined>();
  const [busy, setBusy] = useState<'save' | 'check' | undefined>();

  const adopt = (v: ConfigView) => {
    setView(v);
    setConfig(v.config);
    setGroupText(
      Object.fromEntries(v.vocabulary.approvalRoles.map((r) => [r.id, v.config.roleGroups[r.id].join(', ')])) as Record<
        ApprovalRole,
        string
      >,
    );
  };

  useEffect(() => {
    whileLoading(call('config/get'))
      .then(adopt)
      .catch((err: unknown) =>
        setMessage({ tone: 'error', text: isCallError(err) ? err.message : 'The configuration could not be loaded.' }),
      );
  }, []);

  if (!config || !groupText || !view) {
    return message ? (
      <SectionMessage appearance="error" title="Configuration not available">
        <p>{message.text}</p>
      </SectionMessage>
    ) : (
      <Spinner label="Loading the configuration" />
    );
  }

  const { approvalRoles, gatedStages, checklistItems, bounds } = view.vocabulary;
  const APPROVAL_ROLES = approvalRoles.map((r) => r.id);
  const allItems = checklistItems.map((i) => i.id);
  const groupsOf = (role: ApprovalRole) =>
    groupText[role]
      .split(',')
      .map((g) => g.trim())
      .filter((g) => g !== '');
  const draft = (): AppConfig => ({
    ...config,
    roleGroups: Object.fromEntries(APPROVAL_ROLES.map((r) => [r, groupsOf(r)])) as AppConfig['roleGroups'],
  });

  const save = async () => {
    setBusy('save');
    setMessage(undefined);
    setErrors({});
    try {
      adopt(await call('config/save', draft()));
      setMessage({ tone: 'success', text: 'Saved. The stage gates use the new settings from the next transition on.' });
    } catch (err) {
      if (isCallError(err)) {
        const details = err.details;
        if (details && 'fieldErrors' in details) setErrors(details.fieldErrors);
        setMessage({ tone: 'error', text: err.message });
      } else setMessage({ tone: 'error', text: 'The configuration could not be saved. Try again.' });
    } finally {
      setBusy(undefined);
    }
  };

  const checkGroups = async () => {
    setBusy('check');
    setMessage(undefined);
    try {
      const res = await call('groups/check', { names: APPROVAL_ROLES.flatMap(groupsOf) });
      const next: FieldErrors = {};
      for (const r of APPROVAL_ROLES) {
        const bad = groupsOf(r).filter((g) => res.missing.includes(g));
        if (bad.length) next[`roleGroups.${r}`] = `No Jira group is named ${bad.map((b) => `"${b}"`).join(', ')}.`;
      }
      setErrors(next);
      setMessage(
        res.missing.length === 0
          ? { tone: 'success', text: `All ${res.found.length} groups exist in Jira.` }
          : { tone: 'warning', text: `${res.missing.length} group(s) do not exist in Jira; see below.` },
      );
    } catch (err) {
      setMessage({ tone: 'error', text: isCallError(err) ? err.message : 'The groups could not be checked.' });
    } finally {
      setBusy(undefined);
    }
  };

  const update = (next: Partial<AppConfig>) => setConfig({ ...config, ...next });
  const shownPaths = new Set<string>();
  const err = (path: string) => {
    shownPaths.add(path);
    return errorAt(errors, path);
  };

  const body = (
    <Stack gap={space.l}>
      {view?.problem ? (
        <SectionMessage appearance="warning" title="The stored configuration is not valid">
          <p>{view.problem}</p>
        </SectionMessage>
      ) : view?.source === 'default' ? (
        <SectionMessage appearance="information" title="Defaults in use">
          <p>Nothing has been saved yet: these are the defaults from the LCOO proposal. Save to keep them.</p>
        </SectionMessage>
      ) : null}

      <Section id="cfg-fsts" title="Functional Specialty Teams" description="The FSTs a roadmap item can belong to.">
        <ColumnHeads
          columns={[
            { label: 'Id', width: 170 },
            { label: 'Name', width: 220 },
            { label: 'Description', width: 260 },
          ]}
        />
        {config.fsts.map((f, i) => (
          <Row key={i} align="flex-start">
            <TextCell
              hideLabel
              id={`fsts-${i}-id`}
              label={`FST ${i + 1} id`}
              width={170}
              value={f.id}
              error={err(`fsts.${i}.id`)}
              onChange={(v) => update({ fsts: config.fsts.map((x, j) => (j === i ? { ...x, id: v } : x)) })}
            />
            <TextCell
              hideLabel
              id={`fsts-${i}-name`}
              label={`FST ${i + 1} name`}
              width={220}
              value={f.name}
              error={err(`fsts.${i}.name`)}
              onChange={(v) => update({ fsts: config.fsts.map((x, j) => (j === i ? { ...x, name: v } : x)) })}
            />
            <TextCell
              hideLabel
              id={`fsts-${i}-description`}
              label={`FST ${i + 1} description`}
              width={260}
              value={f.description ?? ''}
              error={err(`fsts.${i}.description`)}
              onChange={(v) =>
                update({ fsts: config.fsts.map((x, j) => (j === i ? { id: x.id, name: x.name, ...(v ? { description: v } : {}) } : x)) })
              }
            />
            <div>
              <Button
                appearance="subtle"
                aria-label={`Remove FST ${i + 1}`}
                onClick={() => update({ fsts: config.fsts.filter((_, j) => j !== i) })}
              >
                Remove
              </Button>
            </div>
          </Row>
        ))}
        <FieldError id="fsts" message={err('fsts')} />
        <div>
          <Button onClick={() => update({ fsts: [...config.fsts, { id: '', name: '' }] })}>Add FST</Button>
        </div>
      </Section>

      <Section
        id="cfg-companies"
        title="Member companies"
        description="Companies that declare interest and commit people to roadmap items."
      >
        <ColumnHeads
          columns={[
            { label: 'Id', width: 170 },
            { label: 'Name', width: 220 },
          ]}
        />
        {config.companies.map((c, i) => (
          <Row key={i} align="flex-start">
            <TextCell
              hideLabel
              id={`companies-${i}-id`}
              label={`Company ${i + 1} id`}
              width={170}
              value={c.id}
              error={err(`companies.${i}.id`)}
              onChange={(v) => update({ companies: config.companies.map((x, j) => (j === i ? { ...x, id: v } : x)) })}
            />
            <TextCell
              hideLabel
              id={`companies-${i}-name`}
              label={`Company ${i + 1} name`}
              width={220}
              value={c.name}
              error={err(`companies.${i}.name`)}
              onChange={(v) => update({ companies: config.companies.map((x, j) => (j === i ? { ...x, name: v } : x)) })}
            />
            <div>
              <Button
                appearance="subtle"
                aria-label={`Remove company ${i + 1}`}
                onClick={() => update({ companies: config.companies.filter((_, j) => j !== i) })}
              >
                Remove
              </Button>
            </div>
          </Row>
        ))}
        <FieldError id="companies" message={err('companies')} />
        <div>
          <Button onClick={() => update({ companies: [...config.companies, { id: '', name: '' }] })}>Add company</Button>
        </div>
      </Section>

      <Section
        id="cfg-groups"
        title="Who may approve"
        description="For each approval, the Jira groups whose members may record it (comma-separated group names)."
      >
        {approvalRoles.map(({ id: r, label }) => (
          <Stack key={r} gap={space.xs}>
            <Label htmlFor={`roleGroups-${r}`}>{label}</Label>
            <Textfield
              id={`roleGroups-${r}`}
              value={groupText[r]}
              isCompact
              isInvalid={!!err(`roleGroups.${r}`)}
              aria-describedby={err(`roleGroups.${r}`) ? `roleGroups-${r}-error` : undefined}
              onChange={(e) => setGroupText({ ...groupText, [r]: (e.target as HTMLInputElement).value })}
            />
            <FieldError id={`roleGroups-${r}`} message={err(`roleGroups.${r}`)} />
          </Stack>
        ))}
        <div>
          <Button onClick={() => void checkGroups()} isLoading={busy === 'check'} isDisabled={!!busy}>
            Check that the groups exist
          </Button>
        </div>
      </Section>

      <Section
        id="cfg-gate"
        title="Default gate settings"
        description="What every LCOO stage gate applies unless its rule in the workflow says otherwise."
      >
        <Row align="flex-start" gap={space.xl}>
          <TextCell
            id="gate-coreApprovalsRequired"
            label={`Core approvals needed for Code Committed (${bounds.coreApprovalsRequired.min}-${bounds.coreApprovalsRequired.max})`}
            width={300}
            value={String(config.gate.coreApprovalsRequired)}
            error={err('gate.coreApprovalsRequired')}
            onChange={(v) => update({ gate: { ...config.gate, coreApprovalsRequired: v.trim() === '' ? Number.NaN : Number(v) } })}
          />
          <Stack gap={space.xs}>
            <Label htmlFor="gate-specificationStep">Specification step</Label>
            <Row gap={space.xs}>
              <Toggle
                id="gate-specificationStep"
                isChecked={config.gate.specificationStep}
                onChange={(e) => update({ gate: { ...config.gate, specificationStep: e.target.checked } })}
              />
              <span style={{ font: font.small, color: color.subtle }}>
                {config.gate.specificationStep
                  ? 'On: deliverables go through Specification In Progress / Accepted.'
                  : 'Off: Blueprint Accepted leads straight to Coding In Progress.'}
              </span>
            </Row>
          </Stack>
        </Row>
        <ChecklistMatrix
          idPrefix="gate"
          stages={gatedStages}
          items={checklistItems}
          value={config.gate.requiredChecklist}
          fallback={(s: Stage): ChecklistItemId[] => (s === 'prioritized' ? allItems : [])}
          onChange={(next) => update({ gate: { ...config.gate, requiredChecklist: next } })}
        />
        {gatedStages.map((s) => (
          <FieldError key={s.id} id={`gate-requiredChecklist-${s.id}`} message={err(`gate.requiredChecklist.${s.id}`)} />
        ))}
      </Section>
    </Stack>
  );

  const unplaced = Object.entries(errors).filter(([path]) => !shownPaths.has(path));
  return (
    <Stack gap={space.l}>
      {body}
      {unplaced.length > 0 ? (
        <SectionMessage appearance="error" title="Also fix">
          <ul>
            {unplaced.map(([path, m]) => (
              <li key={path}>
                {path}: {m}
              </li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}
      {message ? (
        <SectionMessage appearance={message.tone === 'error' ? 'error' : message.tone === 'warning' ? 'warning' : 'success'}>
          <p data-testid="config-message">{message.text}</p>
        </SectionMessage>
      ) : null}
      <div style={{ position: 'sticky', bottom: 0, background: color.sunken, padding: space.s, borderTop: `1px solid ${color.border}` }}>
        <Button appearance="primary" onClick={() => void save()} isLoading={busy === 'save'} isDisabled={!!busy} testId="save-config">
          Save configuration
        </Button>
      </div>
    </Stack>
  );
}
