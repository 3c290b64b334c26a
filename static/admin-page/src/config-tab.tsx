// Configuration: FSTs with the Jira group(s) of their elected lead(s), member companies with the
// group(s) of their Roadmap Coordinator and reps, the Jira groups allowed to give each other
// approval, and the default gate settings. The server checks everything (zod, and that each group
// exists) and answers with an error per field, shown beside that field. An id is fixed once saved
// (records store ids); a rename keeps the old name, so nothing saved under it is orphaned.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useEffect, useState } from 'react';
import type { AppConfig } from '../../../src/contract/domain-types';
import type { ConfigView, FieldErrors } from '../../../src/contract/admin';
import type { ApprovalRole, GroupApprovalRole } from '../../../src/contract/domain-types';
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
import { count } from '../../shared/plural';

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

const splitGroups = (text: string) =>
  text
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');

export function ConfigTab() {
  const [view, setView] = useState<ConfigView | undefined>();
  const [config, setConfig] = useState<AppConfig | undefined>();
  const [groupText, setGroupText] = useState<Record<GroupApprovalRole, string>>();
  // Group lists as typed, one per FST and company row (a trailing comma must survive typing).
  const [fstGroups, setFstGroups] = useState<string[]>([]);
  const [companyGroups, setCompanyGroups] = useState<string[]>([]);
  // Ids of the saved configuration: fixed (records store them), only new rows take an id.
  const [savedIds, setSavedIds] = useState<{ fsts: Set<string>; companies: Set<string> }>({ fsts: new Set(), companies: new Set() });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'warning'; text: string } | undefined>();
  const [busy, setBusy] = useState<'save' | 'check' | undefined>();

  const adopt = (v: ConfigView) => {
    setView(v);
    setConfig(v.config);
    setGroupText(
      Object.fromEntries(v.vocabulary.groupRoles.map((r) => [r.id, v.config.roleGroups[r.id].join(', ')])) as Record<
        GroupApprovalRole,
        string
      >,
    );
    setFstGroups(v.config.fsts.map((f) => f.leadGroups.join(', ')));
    setCompanyGroups(v.config.companies.map((c) => c.groups.join(', ')));
    setSavedIds(
      v.source === 'stored'
        ? { fsts: new Set(v.config.fsts.map((f) => f.id)), companies: new Set(v.config.companies.map((c) => c.id)) }
        : { fsts: new Set(), companies: new Set() },
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

  const { approvalRoles, groupRoles, gatedStages, checklistItems, bounds } = view.vocabulary;
  const GROUP_ROLES = groupRoles.map((r) => r.id);
  const allItems = checklistItems.map((i) => i.id);
  const groupsOf = (role: GroupApprovalRole) => splitGroups(groupText[role]);
  const draft = (): AppConfig => ({
    ...config,
    fsts: config.fsts.map((f, i) => ({ ...f, leadGroups: splitGroups(fstGroups[i] ?? '') })),
    companies: config.companies.map((c, i) => ({ ...c, groups: splitGroups(companyGroups[i] ?? '') })),
    roleGroups: Object.fromEntries(GROUP_ROLES.map((r) => [r, groupsOf(r)])) as AppConfig['roleGroups'],
  });
  /** Every group list on the page, by the field it is typed in. */
  const allGroupLists = (): { path: string; groups: string[] }[] => [
    ...config.fsts.map((_, i) => ({ path: `fsts.${i}.leadGroups`, groups: splitGroups(fstGroups[i] ?? '') })),
    ...config.companies.map((_, i) => ({ path: `companies.${i}.groups`, groups: splitGroups(companyGroups[i] ?? '') })),
    ...GROUP_ROLES.map((r) => ({ path: `roleGroups.${r}`, groups: groupsOf(r) })),
  ];
  const staleAllowed = new Set<ApprovalRole>(config.gate.staleApprovalsCount);

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
      const lists = allGroupLists();
      const res = await call('groups/check', { names: [...new Set(lists.flatMap((l) => l.groups))] });
      const next: FieldErrors = {};
      for (const { path, groups } of lists) {
        const bad = groups.filter((g) => res.missing.includes(g));
        if (bad.length) next[path] = `No Jira group is named ${bad.map((b) => `"${b}"`).join(', ')}.`;
      }
      setErrors(next);
      setMessage(
        res.missing.length === 0
          ? { tone: 'success', text: `All ${res.found.length} groups exist in Jira.` }
          : { tone: 'warning', text: `${count(res.missing.length, 'group does', 'groups do')} not exist in Jira; see below.` },
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

      <Section
        id="cfg-fsts"
        title="Functional Specialty Teams"
        description="The FSTs a roadmap item can belong to, and the Jira groups of each FST's elected leads: only they prioritize the FST's items. An id is fixed once saved; a renamed FST keeps its old names."
      >
        <ColumnHeads
          columns={[
            { label: 'Id', width: 170 },
            { label: 'Name', width: 220 },
            { label: 'Description', width: 220 },
            { label: 'Lead groups (comma-separated)', width: 240 },
          ]}
        />
        {config.fsts.map((f, i) => (
          <Row key={i} align="flex-start">
            {savedIds.fsts.has(f.id) ? (
              <div style={{ width: 170, paddingTop: space.xs, font: font.body, color: color.subtle }} id={`fsts-${i}-id`}>
                {f.id}
              </div>
            ) : (
              <TextCell
                hideLabel
                id={`fsts-${i}-id`}
                label={`FST ${i + 1} id`}
                width={170}
                value={f.id}
                error={err(`fsts.${i}.id`)}
                onChange={(v) => update({ fsts: config.fsts.map((x, j) => (j === i ? { ...x, id: v } : x)) })}
              />
            )}
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
              width={220}
              value={f.description ?? ''}
              error={err(`fsts.${i}.description`)}
              onChange={(v) =>
                update({
                  fsts: config.fsts.map((x, j) => {
                    if (j !== i) return x;
                    const { description: _old, ...rest } = x;
                    return v ? { ...rest, description: v } : rest;
                  }),
                })
              }
            />
            <Stack gap={space.xs}>
              <TextCell
                hideLabel
                id={`fsts-${i}-leadGroups`}
                label={`FST ${i + 1} lead groups`}
                width={240}
                value={fstGroups[i] ?? ''}
                error={err(`fsts.${i}.leadGroups`)}
                onChange={(v) => setFstGroups(fstGroups.map((g, j) => (j === i ? v : g)))}
              />
              {f.formerNames.length > 0 ? (
                <span style={{ font: font.small, color: color.subtlest }}>{`Formerly: ${f.formerNames.join(', ')}`}</span>
              ) : null}
            </Stack>
            <div>
              <Button
                appearance="subtle"
                aria-label={`Remove FST ${i + 1}`}
                onClick={() => {
                  update({ fsts: config.fsts.filter((_, j) => j !== i) });
                  setFstGroups(fstGroups.filter((_, j) => j !== i));
                }}
              >
                Remove
              </Button>
            </div>
          </Row>
        ))}
        <FieldError id="fsts" message={err('fsts')} />
        <div>
          <Button
            onClick={() => {
              update({ fsts: [...config.fsts, { id: '', name: '', leadGroups: [], formerNames: [] }] });
              setFstGroups([...fstGroups, '']);
            }}
          >
            Add FST
          </Button>
        </div>
      </Section>

      <Section
        id="cfg-companies"
        title="Member companies"
        description="Companies that declare interest and commit people to roadmap items, and the Jira groups of each company's Roadmap Coordinator and reps: only they record whether the company joins an item and whom it commits. An id is fixed once saved; a renamed company keeps its old names."
      >
        <ColumnHeads
          columns={[
            { label: 'Id', width: 170 },
            { label: 'Name', width: 220 },
            { label: 'Coordinator and reps groups (comma-separated)', width: 300 },
          ]}
        />
        {config.companies.map((c, i) => (
          <Row key={i} align="flex-start">
            {savedIds.companies.has(c.id) ? (
              <div style={{ width: 170, paddingTop: space.xs, font: font.body, color: color.subtle }} id={`companies-${i}-id`}>
                {c.id}
              </div>
            ) : (
              <TextCell
                hideLabel
                id={`companies-${i}-id`}
                label={`Company ${i + 1} id`}
                width={170}
                value={c.id}
                error={err(`companies.${i}.id`)}
                onChange={(v) => update({ companies: config.companies.map((x, j) => (j === i ? { ...x, id: v } : x)) })}
              />
            )}
            <TextCell
              hideLabel
              id={`companies-${i}-name`}
              label={`Company ${i + 1} name`}
              width={220}
              value={c.name}
              error={err(`companies.${i}.name`)}
              onChange={(v) => update({ companies: config.companies.map((x, j) => (j === i ? { ...x, name: v } : x)) })}
            />
            <Stack gap={space.xs}>
              <TextCell
                hideLabel
                id={`companies-${i}-groups`}
                label={`Company ${i + 1} coordinator and reps groups`}
                width={300}
                value={companyGroups[i] ?? ''}
                error={err(`companies.${i}.groups`)}
                onChange={(v) => setCompanyGroups(companyGroups.map((g, j) => (j === i ? v : g)))}
              />
              {c.formerNames.length > 0 ? (
                <span style={{ font: font.small, color: color.subtlest }}>{`Formerly: ${c.formerNames.join(', ')}`}</span>
              ) : null}
            </Stack>
            <div>
              <Button
                appearance="subtle"
                aria-label={`Remove company ${i + 1}`}
                onClick={() => {
                  update({ companies: config.companies.filter((_, j) => j !== i) });
                  setCompanyGroups(companyGroups.filter((_, j) => j !== i));
                }}
              >
                Remove
              </Button>
            </div>
          </Row>
        ))}
        <FieldError id="companies" message={err('companies')} />
        <div>
          <Button
            onClick={() => {
              update({ companies: [...config.companies, { id: '', name: '', groups: [], formerNames: [] }] });
              setCompanyGroups([...companyGroups, '']);
            }}
          >
            Add company
          </Button>
        </div>
      </Section>

      <Section
        id="cfg-groups"
        title="Who may approve"
        description="For each approval, the Jira groups whose members may record (and withdraw) it, comma-separated. The FST prioritization is given by each FST's lead groups, above."
      >
        {groupRoles.map(({ id: r, label }) => (
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
          <Button onClick={() => void checkGroups()} isLoading={busy === 'check'} isDisabled={!!busy} testId="check-groups">
            Check that the groups exist
          </Button>
        </div>
      </Section>

      <Section
        id="cfg-stale"
        title="Approvals after a change"
        description="Each approval keeps what it approved. When that changes, the panel shows the approval as given for an earlier version, and the gates stop counting it, unless its kind is ticked here."
      >
        {approvalRoles.map(({ id: r, label }) => (
          <Row key={r} gap={space.xs}>
            <Toggle
              id={`gate-stale-${r}`}
              isChecked={staleAllowed.has(r)}
              onChange={(e) =>
                update({
                  gate: {
                    ...config.gate,
                    staleApprovalsCount: e.target.checked
                      ? [...config.gate.staleApprovalsCount, r]
                      : config.gate.staleApprovalsCount.filter((x) => x !== r),
                  },
                })
              }
            />
            <label htmlFor={`gate-stale-${r}`} style={{ font: font.body, color: color.text }}>
              {`${label}: still counts after what it approved changed`}
            </label>
          </Row>
        ))}
        <FieldError id="gate-staleApprovalsCount" message={err('gate.staleApprovalsCount')} />
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
          <Stack gap={space.xs}>
            <Label htmlFor="gate-codeCommittedFrom">Code Committed from Gerrit only</Label>
            <Row gap={space.xs}>
              <Toggle
                id="gate-codeCommittedFrom"
                isChecked={config.gate.codeCommittedFrom === 'gerrit'}
                onChange={(e) => update({ gate: { ...config.gate, codeCommittedFrom: e.target.checked ? 'gerrit' : 'panel' } })}
              />
              <span style={{ font: font.small, color: color.subtle }}>
                {config.gate.codeCommittedFrom === 'gerrit'
                  ? 'On: every live change must be merged in Gerrit, Verified +1 by Zuul, with the Code-Review +2s above; what people enter no longer counts.'
                  : 'Off: Code Committed reads the change status, CI and core approvals entered in the LCOO panel.'}
              </span>
            </Row>
          </Stack>
          <Stack gap={space.xs}>
            <Label htmlFor="gate-specAcceptedFrom">Specification Accepted from Gerrit only</Label>
            <Row gap={space.xs}>
              <Toggle
                id="gate-specAcceptedFrom"
                isChecked={config.gate.specAcceptedFrom === 'gerrit'}
                onChange={(e) => update({ gate: { ...config.gate, specAcceptedFrom: e.target.checked ? 'gerrit' : 'panel' } })}
              />
              <span style={{ font: font.small, color: color.subtle }}>
                {config.gate.specAcceptedFrom === 'gerrit'
                  ? 'On: the specification review must be merged in openstack/<project>-specs; the "approved" box no longer counts.'
                  : 'Off: Specification Accepted reads the "approved" box of the LCOO panel.'}
              </span>
            </Row>
          </Stack>
          <Stack gap={space.xs}>
            <Label htmlFor="gate-blueprintAcceptedFrom">Blueprint Accepted from Launchpad</Label>
            <Row gap={space.xs}>
              <Toggle
                id="gate-blueprintAcceptedFrom"
                isChecked={config.gate.blueprintAcceptedFrom === 'launchpad'}
                onChange={(e) => update({ gate: { ...config.gate, blueprintAcceptedFrom: e.target.checked ? 'launchpad' : 'panel' } })}
              />
              <span style={{ font: font.small, color: color.subtle }}>
                {config.gate.blueprintAcceptedFrom === 'launchpad'
                  ? "On: the community's acceptance is the linked blueprint \"Approved\" on Launchpad (as last read); the panel's stakeholder acceptance then stands for LCOO's stakeholders only, and the milestone is still needed."
                  : "Off: Blueprint Accepted reads only what is recorded in the LCOO panel (milestone, stakeholders' acceptance)."}
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
