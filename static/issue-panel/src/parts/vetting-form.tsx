// The vetting checklist of a Roadmap Item: each of the 12 points with the input it deserves.
import type { Labelled, PanelData } from '../../../../src/contract/panel';
import type { VettingDraft } from '../draft';
import { projectOptions } from './project-options';
import { ChecklistItemCard } from './checklist-item';
import { CompanyEntries } from './company-entries';
import { Check, LongText, MultiSelect, RowList, SingleSelect, TextInput } from './controls';
import { Stack } from '../../../shared/layout';
import * as space from '../../../shared/space';
import { Card, FieldRow, Heading, Help, Wide } from './layout';

interface Props {
  data: PanelData;
  draft: VettingDraft;
  onChange: (d: VettingDraft) => void;
  disabled: boolean;
}

export function VettingForm({ data, draft, onChange, disabled }: Props) {
  const voc = data.options.vocabulary;
  const trusted = data.vetting?.integrity === 'valid';
  const set = <K extends keyof VettingDraft>(k: K, v: VettingDraft[K]) => onChange({ ...draft, [k]: v });
  const statusOf = (id: string) => data.checklist?.items.find((i) => i.id === id);
  const card = (id: string, body: JSX.Element) => {
    const item = voc.checklistItems.find((i) => i.id === id);
    if (!item) return null;
    return (
      <ChecklistItemCard
        key={id}
        item={item}
        status={statusOf(id)}
        trusted={trusted}
        note={draft.notes[id] ?? ''}
        onNote={(v) => set('notes', { ...draft.notes, [id]: v })}
        disabled={disabled}
      >
        {body}
      </ChecklistItemCard>
    );
  };
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
    <Stack gap={space.m}>
      <Card labelledBy="owner-title">
        <Heading id="owner-title">Ownership</Heading>
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
        </FieldRow>
      </Card>

      {card(
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

      {card(
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

      {card(
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

      {card(
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

      {card(
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

      {card(
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

      {card(
        'valueToMembers',
        <LongText
          id="valueToMembers"
          label="Value / benefit to LCOO members"
          value={draft.valueToMembers}
          onChange={(v) => set('valueToMembers', v)}
          disabled={disabled}
        />,
      )}

      {card(
        'valueToCommunity',
        <LongText
          id="valueToCommunity"
          label="Value / benefit to the OpenStack community"
          value={draft.valueToCommunity}
          onChange={(v) => set('valueToCommunity', v)}
          disabled={disabled}
        />,
      )}

      {card(
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

      {card(
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

      {card(
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

      {card(
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

      <Card labelledBy="delivery-title">
        <Heading id="delivery-title">Delivery stream and alignment strategy</Heading>
        <Help>Needed for Development Ready: who delivers it, and how it lines up with the release.</Help>
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
      </Card>
    </Stack>
  );
}
