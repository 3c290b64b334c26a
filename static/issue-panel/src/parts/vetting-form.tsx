// The vetting checklist of a Roadmap Item: one compact row per point (done/missing mark, a
// one-line summary of the answer), opened to edit; "Show only what's missing" hides the rest.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { useState } from 'react';
import type { ChecklistStatus } from '../../../../src/contract/domain-types';
import type { Labelled, PanelData } from '../../../../src/contract/panel';
import type { VettingDraft } from '../draft';
import { itemSummary } from '../summaries';
import { projectOptions } from './project-options';
import { ChecklistRow, type RowMark } from './checklist-item';
import { CompanyEntries } from './company-entries';
import { Check, LongText, MultiSelect, RowList, SingleSelect, TextInput } from './controls';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as space from '../../../shared/space';
import { FieldRow, Heading, Wide } from './layout';

interface Props {
  data: PanelData;
  draft: VettingDraft;
  onChange: (d: VettingDraft) => void;
  disabled: boolean;
  /** The checklist as the gate reads the draft (live) or the last save. */
  checklist: ChecklistStatus | undefined;
  /** Rows with a field the save would refuse, and how many: they open by themselves. */
  rowErrors?: Record<string, number>;
}

/** Rows that are not checklist items, in the order they show. */
const OWNERSHIP = { id: 'ownership', help: 'Which FST owns the item, and which member company proposed it.' };
const STRATEGY = {
  id: 'delivery-strategy',
  help: 'Needed for Development Ready: who delivers it, and how it lines up with the release.',
};

export function VettingForm({ data, draft, onChange, disabled, checklist, rowErrors = {} }: Props) {
  const voc = data.options.vocabulary;
  const trusted = data.vetting?.integrity === 'valid' || checklist !== data.checklist;
  const set = <K extends keyof VettingDraft>(k: K, v: VettingDraft[K]) => onChange({ ...draft, [k]: v });
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const [onlyMissing, setOnlyMissing] = useState(false);
  const statusOf = (id: string) => checklist?.items.find((i) => i.id === id);
  const markOf = (id: string): RowMark => {
    const st = statusOf(id);
    if (!st?.complete || !trusted) return 'missing';
    return st.slipped ? 'slipped' : 'done';
  };
  const isOpen = (id: string) => opened.has(id) || (rowErrors[id] ?? 0) > 0;
  const toggle = (id: string) =>
    setOpened((o) => {
      const next = new Set(o);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // A row stays while it is open, so completing it while "only missing" is on doesn't whisk it away.
  const shown = (id: string, mark: RowMark) => !onlyMissing || mark === 'missing' || mark === 'none' || isOpen(id);
  const row = (id: string, body: JSX.Element) => {
    const item = voc.checklistItems.find((i) => i.id === id);
    if (!item) return null;
    const mark = markOf(id);
    if (!shown(id, mark)) return null;
    const st = statusOf(id);
    return (
      <ChecklistRow
        key={id}
        rowId={id}
        title={`${item.number}. ${item.label}`}
        help={item.help}
        summary={itemSummary(id, draft, data)}
        mark={mark}
        open={isOpen(id)}
        onToggle={() => toggle(id)}
        {...(st?.missing ? { missing: st.missing } : {})}
        {...(st?.complete && st.slipped ? { slipped: st.slipped } : {})}
        {...(rowErrors[id] ? { errors: rowErrors[id] } : {})}
        note={{ value: draft.notes[id] ?? '', onChange: (v) => set('notes', { ...draft.notes, [id]: v }) }}
        disabled={disabled}
      >
        {body}
      </ChecklistRow>
    );
  };
  const other = (def: { id: string; help: string }, title: string, body: JSX.Element) => (
    <ChecklistRow
      key={def.id}
      rowId={def.id}
      title={title}
      help={def.help}
      summary={itemSummary(def.id, draft, data)}
      mark="none"
      open={isOpen(def.id)}
      onToggle={() => toggle(def.id)}
      {...(rowErrors[def.id] ? { errors: rowErrors[def.id] } : {})}
      disabled={disabled}
    >
      {body}
    </ChecklistRow>
  );
  const allIds = [OWNERSHIP.id, ...voc.checklistItems.map((i) => i.id), STRATEGY.id];
  const allOpen = allIds.every(isOpen);
  const missingCount = voc.checklistItems.filter((i) => markOf(i.id) === 'missing').length;
  // A stored release that has shipped since stays visible (so the person sees why it is incomplete).
  const releaseOptions: Labelled[] = data.options.releasesOpen.map((r) => ({
    value: r.id,
    label: `${r.label} (${r.estimated ? 'estimated ' : 'releases '}${r.firstReleaseDate})`,
  }));
  if (draft.targetRelease && !releaseOptions.some((o) => o.value === draft.targetRelease)) {
    releaseOptions.unshift({
      value: draft.targetRelease,
      label: `${data.options.releaseLabels[draft.targetRelease] ?? draft.targetRelease} (already released)`,
    });
  }
  // Records name FSTs and companies by id; a stored one the configuration no longer has stays visible.
  const fstOptions: Labelled[] = data.options.fsts.map((f) => ({ value: f.id, label: f.name }));
  if (draft.fst && !fstOptions.some((o) => o.value === draft.fst))
    fstOptions.push({ value: draft.fst, label: `${draft.fst} (not configured)` });
  const companyOptions: Labelled[] = data.options.companies.map((c) => ({ value: c.id, label: c.name }));
  if (draft.proposingCompany && !companyOptions.some((o) => o.value === draft.proposingCompany)) {
    companyOptions.push({ value: draft.proposingCompany, label: `${draft.proposingCompany} (not configured)` });
  }

  return (
    <Stack gap={space.s}>
      <Row style={{ justifyContent: 'space-between' }}>
        <Heading id="checklist-title">Vetting checklist</Heading>
        <Row gap={space.s}>
          <Checkbox
            id="only-missing"
            name="only-missing"
            label={`Show only what's missing (${missingCount})`}
            isChecked={onlyMissing}
            onChange={(e) => setOnlyMissing(e.target.checked)}
            testId="only-missing"
          />
          <Button appearance="subtle" spacing="compact" onClick={() => setOpened(allOpen ? new Set() : new Set(allIds))} testId="open-all">
            {allOpen ? 'Close all' : 'Open all'}
          </Button>
        </Row>
      </Row>
      <div style={{ borderTop: `1px solid ${color.border}` }}>
        {other(
          OWNERSHIP,
          'Ownership',
          <FieldRow>
            <SingleSelect
              id="fst"
              label="Functional Specialty Team"
              options={fstOptions}
              value={draft.fst}
              onChange={(v) => set('fst', v)}
              disabled={disabled}
            />
            <SingleSelect
              id="proposingCompany"
              label="Proposing member company"
              options={companyOptions}
              value={draft.proposingCompany}
              onChange={(v) => set('proposingCompany', v)}
              disabled={disabled}
            />
          </FieldRow>,
        )}

        {row(
          'type',
          <SingleSelect
            id="type"
            label="Type"
            options={voc.itemTypes}
            value={draft.type}
            onChange={(v) => set('type', v)}
            disabled={disabled}
          />,
        )}

        {row(
          'requirements',
          <Stack>
            <Heading level={4}>Requirements</Heading>
            <RowList
              id="requirements"
              noun="requirement"
              items={draft.requirements}
              blank={() => ''}
              disabled={disabled}
              onChange={(v) => set('requirements', v)}
              render={(r, up, i) => (
                <LongText id={`requirement-${i}`} label={`Requirement ${i + 1}`} value={r} onChange={up} disabled={disabled} rows={1} />
              )}
            />
            <Heading level={4}>Acceptance criteria</Heading>
            <RowList
              id="acceptance"
              noun="acceptance criterion"
              items={draft.acceptanceCriteria}
              blank={() => ''}
              disabled={disabled}
              onChange={(v) => set('acceptanceCriteria', v)}
              render={(r, up, i) => (
                <LongText
                  id={`acceptance-${i}`}
                  label={`Acceptance criterion ${i + 1}`}
                  value={r}
                  onChange={up}
                  disabled={disabled}
                  rows={1}
                />
              )}
            />
          </Stack>,
        )}

        {row(
          'components',
          <MultiSelect
            id="components"
            label="OpenStack projects"
            options={projectOptions(data.options, draft.components)}
            values={draft.components}
            onChange={(v) => set('components', v)}
            disabled={disabled}
            placeholder="Nova, Neutron, …"
          />,
        )}

        {row(
          'stakeholders',
          <RowList
            id="stakeholders"
            noun="stakeholder"
            items={draft.stakeholders}
            blank={() => ({ name: '', company: '', role: '' })}
            disabled={disabled}
            onChange={(v) => set('stakeholders', v)}
            render={(x, up, i) => (
              <>
                <TextInput
                  id={`stakeholder-${i}-name`}
                  label={`Stakeholder ${i + 1} name`}
                  value={x.name}
                  onChange={(v) => up({ ...x, name: v })}
                  disabled={disabled}
                />
                <TextInput
                  id={`stakeholder-${i}-company`}
                  label="Company"
                  value={x.company}
                  onChange={(v) => up({ ...x, company: v })}
                  disabled={disabled}
                />
                <TextInput
                  id={`stakeholder-${i}-role`}
                  label="Role"
                  value={x.role}
                  onChange={(v) => up({ ...x, role: v })}
                  disabled={disabled}
                />
              </>
            )}
          />,
        )}

        {row(
          'artifacts',
          <RowList
            id="artifacts"
            noun="artifact"
            items={draft.artifacts}
            blank={() => ({ kind: 'story', url: '', title: '' })}
            disabled={disabled}
            onChange={(v) => set('artifacts', v)}
            render={(a, up, i) => (
              <>
                <SingleSelect
                  id={`artifact-${i}-kind`}
                  label={`Artifact ${i + 1} kind`}
                  options={voc.artifactKinds}
                  value={a.kind}
                  onChange={(v) => up({ ...a, kind: v })}
                  disabled={disabled}
                  clearable={false}
                />
                <TextInput
                  id={`artifact-${i}-url`}
                  label="Link"
                  type="url"
                  placeholder="https://"
                  value={a.url}
                  onChange={(v) => up({ ...a, url: v })}
                  disabled={disabled}
                />
                <TextInput
                  id={`artifact-${i}-title`}
                  label="Title"
                  value={a.title}
                  onChange={(v) => up({ ...a, title: v })}
                  disabled={disabled}
                />
              </>
            )}
          />,
        )}

        {row(
          'size',
          <SingleSelect
            id="size"
            label="Size of effort"
            options={voc.sizes}
            value={draft.size}
            onChange={(v) => set('size', v)}
            disabled={disabled}
          />,
        )}

        {row(
          'valueToMembers',
          <LongText
            id="valueToMembers"
            label="Value / benefit to LCOO members"
            value={draft.valueToMembers}
            onChange={(v) => set('valueToMembers', v)}
            disabled={disabled}
          />,
        )}

        {row(
          'valueToCommunity',
          <LongText
            id="valueToCommunity"
            label="Value / benefit to the OpenStack community"
            value={draft.valueToCommunity}
            onChange={(v) => set('valueToCommunity', v)}
            disabled={disabled}
          />,
        )}

        {row(
          'blueprints',
          <Stack>
            <Check
              id="blueprints-searched"
              label="Launchpad and the specs repositories were searched"
              checked={draft.blueprints.searched}
              disabled={disabled}
              onChange={(v) => set('blueprints', { ...draft.blueprints, searched: v })}
            />
            <RowList
              id="findings"
              noun="blueprint found"
              items={draft.blueprints.findings}
              blank={() => ({ url: '', summary: '' })}
              disabled={disabled}
              onChange={(v) => set('blueprints', { ...draft.blueprints, findings: v })}
              render={(f, up, i) => (
                <>
                  <TextInput
                    id={`finding-${i}-url`}
                    label={`Blueprint ${i + 1} link`}
                    type="url"
                    placeholder="https://blueprints.launchpad.net/…"
                    value={f.url}
                    onChange={(v) => up({ ...f, url: v })}
                    disabled={disabled}
                  />
                  <Wide>
                    <LongText
                      id={`finding-${i}-summary`}
                      label="What was found"
                      value={f.summary}
                      onChange={(v) => up({ ...f, summary: v })}
                      disabled={disabled}
                      rows={2}
                    />
                  </Wide>
                </>
              )}
            />
            <LongText
              id="blueprints-conclusion"
              label="Conclusion of the search"
              value={draft.blueprints.conclusion}
              onChange={(v) => set('blueprints', { ...draft.blueprints, conclusion: v })}
              disabled={disabled}
              placeholder='e.g. "No existing blueprint" or "Extend blueprint X"'
            />
          </Stack>,
        )}

        {row(
          'communityAlignment',
          <RowList
            id="alignment"
            noun="conversation"
            items={draft.communityAlignment}
            blank={() => ({ channel: 'ptl-cores', notes: '', date: '' })}
            disabled={disabled}
            onChange={(v) => set('communityAlignment', v)}
            render={(e, up, i) => (
              <>
                <SingleSelect
                  id={`alignment-${i}-channel`}
                  label={`Conversation ${i + 1} channel`}
                  options={voc.alignmentChannels}
                  value={e.channel}
                  onChange={(v) => up({ ...e, channel: v })}
                  disabled={disabled}
                  clearable={false}
                />
                <TextInput
                  id={`alignment-${i}-date`}
                  label="Date"
                  type="date"
                  value={e.date}
                  onChange={(v) => up({ ...e, date: v })}
                  disabled={disabled}
                />
                <Wide>
                  <LongText
                    id={`alignment-${i}-notes`}
                    label="What was said"
                    value={e.notes}
                    onChange={(v) => up({ ...e, notes: v })}
                    disabled={disabled}
                    rows={3}
                  />
                </Wide>
              </>
            )}
          />,
        )}

        {row(
          'collaborators',
          <Stack>
            <CompanyEntries data={data} companies={draft.companies} onChange={(v) => set('companies', v)} disabled={disabled} />
            <Heading level={4}>Other working groups</Heading>
            <RowList
              id="working-groups"
              noun="working group"
              items={draft.workingGroups}
              blank={() => ''}
              disabled={disabled}
              onChange={(v) => set('workingGroups', v)}
              render={(g, up, i) => (
                <TextInput id={`working-group-${i}`} label={`Working group ${i + 1}`} value={g} onChange={up} disabled={disabled} />
              )}
            />
          </Stack>,
        )}

        {row(
          'targetRelease',
          <SingleSelect
            id="targetRelease"
            label="Targeted OpenStack release"
            options={releaseOptions}
            value={draft.targetRelease}
            onChange={(v) => set('targetRelease', v)}
            disabled={disabled}
          />,
        )}

        {other(
          STRATEGY,
          'Delivery stream and alignment strategy',
          <Stack>
            <SingleSelect
              id="deliveryStream"
              label="Delivery stream"
              options={voc.deliveryStreams}
              value={draft.deliveryStream}
              onChange={(v) => set('deliveryStream', v)}
              disabled={disabled}
            />
            <FieldRow>
              <TextInput
                id="strategy-release"
                label="Benefitting release"
                value={draft.alignmentStrategy.benefittingRelease}
                disabled={disabled}
                onChange={(v) => set('alignmentStrategy', { ...draft.alignmentStrategy, benefittingRelease: v })}
              />
            </FieldRow>
            <LongText
              id="strategy-plan"
              label="Plan / mitigation"
              value={draft.alignmentStrategy.plan}
              disabled={disabled}
              onChange={(v) => set('alignmentStrategy', { ...draft.alignmentStrategy, plan: v })}
            />
            <LongText
              id="strategy-loops"
              label="Closing loops with release planning"
              value={draft.alignmentStrategy.closingLoops}
              disabled={disabled}
              onChange={(v) => set('alignmentStrategy', { ...draft.alignmentStrategy, closingLoops: v })}
            />
          </Stack>,
        )}
      </div>
    </Stack>
  );
}
