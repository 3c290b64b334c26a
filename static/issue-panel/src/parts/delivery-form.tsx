// The evidence of an Upstream Deliverable: where the upstream work lives (Launchpad, specs,
// Gerrit, Zuul) and the facts the delivery gates check.
import type { Labelled, PanelData } from '../../../../src/contract/panel';
import { changeNumberFromUrl, type DeliveryDraft } from '../draft';
import { Check, LongText, RowList, SingleSelect, TextInput } from './controls';
import { Stack } from '../../../shared/layout';
import * as space from '../../../shared/space';
import { Card, FieldRow, Heading, Help, Wide } from './layout';
import { projectOptions } from './project-options';

interface Props {
  data: PanelData;
  draft: DeliveryDraft;
  onChange: (d: DeliveryDraft) => void;
  disabled: boolean;
}

/** When a piece of evidence was recorded (the committee reviews it monthly and needs to know how fresh it is). */
function Stamp({ at }: { at?: string | undefined }) {
  if (!at) return null;
  return <Help>{`Recorded ${at.slice(0, 10)}`}</Help>;
}

export function DeliveryForm({ data, draft, onChange, disabled }: Props) {
  const voc = data.options.vocabulary;
  const stored = data.delivery?.data;
  const set = <K extends keyof DeliveryDraft>(k: K, v: DeliveryDraft[K]) => onChange({ ...draft, [k]: v });
  const projects: Labelled[] = projectOptions(data.options, [draft.project]);
  const releases: Labelled[] = data.options.releasesOpen.map((r) => ({ value: r.id, label: r.label }));
  if (draft.milestone.releaseId && !releases.some((r) => r.value === draft.milestone.releaseId)) {
    releases.unshift({
      value: draft.milestone.releaseId,
      label: data.options.releaseLabels[draft.milestone.releaseId] ?? draft.milestone.releaseId,
    });
  }
  // A milestone is one of its release's, on the date the schedule gives: picking it sets both.
  const scheduled = data.options.releasesOpen.find((r) => r.id === draft.milestone.releaseId)?.milestones ?? [];
  const milestoneLabel = (m: { label: string; date: string; estimated: boolean }) =>
    `${m.label}: ${m.date}${m.estimated ? ' (estimated)' : ''}`;
  const milestones: Labelled[] = scheduled.map((m) => ({ value: m.label, label: milestoneLabel(m) }));
  if (draft.milestone.label && !scheduled.some((m) => m.label === draft.milestone.label)) {
    milestones.unshift({ value: draft.milestone.label, label: `${draft.milestone.label}: ${draft.milestone.date || 'no date'}` });
  }
  const pickMilestone = (label: string) => {
    const m = scheduled.find((x) => x.label === label);
    set('milestone', { ...draft.milestone, label, date: m ? m.date : label === draft.milestone.label ? draft.milestone.date : '' });
  };

  return (
    <Stack gap={space.m}>
      <Card labelledBy="d-scope">
        <Heading id="d-scope">Scope</Heading>
        <FieldRow>
          <TextInput
            id="roadmapItemKey"
            label="Roadmap Item it delivers"
            placeholder="LCOO-12"
            value={draft.roadmapItemKey}
            onChange={(v) => set('roadmapItemKey', v.toUpperCase())}
            disabled={disabled}
          />
          <SingleSelect
            id="project"
            label="OpenStack project"
            options={projects}
            value={draft.project}
            onChange={(v) => set('project', v)}
            disabled={disabled}
          />
        </FieldRow>
      </Card>

      <Card labelledBy="d-blueprint">
        <Heading id="d-blueprint">Blueprint</Heading>
        <FieldRow>
          <TextInput
            id="blueprint-url"
            label="Launchpad blueprint"
            type="url"
            placeholder="https://blueprints.launchpad.net/nova/+spec/…"
            value={draft.blueprint.url}
            onChange={(v) => set('blueprint', { ...draft.blueprint, url: v })}
            disabled={disabled}
          />
          <TextInput
            id="blueprint-title"
            label="Blueprint title"
            value={draft.blueprint.title}
            onChange={(v) => set('blueprint', { ...draft.blueprint, title: v })}
            disabled={disabled}
          />
        </FieldRow>
        <Stamp at={stored?.blueprint?.recordedAt} />
      </Card>

      <Card labelledBy="d-alignment">
        <Heading id="d-alignment">PTL / core alignment</Heading>
        <RowList
          id="d-alignment-notes"
          noun="alignment note"
          items={draft.alignment}
          blank={() => ({ notes: '', date: '' })}
          disabled={disabled}
          onChange={(v) => set('alignment', v)}
          render={(n, up, i) => (
            <>
              <TextInput
                id={`d-alignment-${i}-date`}
                label="Date"
                type="date"
                value={n.date}
                onChange={(v) => up({ ...n, date: v })}
                disabled={disabled}
              />
              <Wide>
                <LongText
                  id={`d-alignment-${i}-notes`}
                  label={`Alignment note ${i + 1}`}
                  value={n.notes}
                  onChange={(v) => up({ ...n, notes: v })}
                  disabled={disabled}
                  rows={3}
                />
              </Wide>
            </>
          )}
        />
      </Card>

      <Card labelledBy="d-milestone">
        <Heading id="d-milestone">Delivery milestone</Heading>
        <FieldRow>
          <SingleSelect
            id="milestone-release"
            label="Release"
            options={releases}
            value={draft.milestone.releaseId}
            onChange={(v) => set('milestone', { releaseId: v, label: '', date: '' })}
            disabled={disabled}
          />
          <SingleSelect
            id="milestone-label"
            label="Milestone"
            options={milestones}
            value={draft.milestone.label}
            onChange={pickMilestone}
            disabled={disabled || !draft.milestone.releaseId}
            placeholder={draft.milestone.releaseId ? 'Choose a milestone…' : 'Choose the release first'}
          />
        </FieldRow>
        <Help>The milestones and dates of the release schedule (releases.openstack.org); an administrator keeps them current.</Help>
        <Stamp at={stored?.milestone?.recordedAt} />
      </Card>

      <Card labelledBy="d-spec">
        <Heading id="d-spec">Specification</Heading>
        <TextInput
          id="spec-url"
          label="Specification review (Gerrit change in the specs repository)"
          type="url"
          placeholder="https://review.opendev.org/c/openstack/nova-specs/+/…"
          value={draft.specification.reviewUrl}
          onChange={(v) => set('specification', { ...draft.specification, reviewUrl: v })}
          disabled={disabled}
        />
        <Check
          id="spec-approved"
          label="Specification approved (merged)"
          checked={draft.specification.approved}
          onChange={(v) => set('specification', { ...draft.specification, approved: v })}
          disabled={disabled}
        />
        <Stamp at={stored?.specification?.recordedAt} />
      </Card>

      <Card labelledBy="d-changes">
        <Heading id="d-changes">Gerrit changes</Heading>
        <RowList
          id="changes"
          noun="change"
          items={draft.changes}
          blank={() => ({ number: '', url: '', status: 'open', ci: 'pending' })}
          disabled={disabled}
          onChange={(v) => set('changes', v)}
          render={(c, up, i) => (
            <>
              <Wide>
                <TextInput
                  id={`change-${i}-url`}
                  label={`Change ${i + 1} link`}
                  type="url"
                  placeholder="https://review.opendev.org/c/openstack/nova/+/912345"
                  value={c.url}
                  onChange={(v) => up({ ...c, url: v, number: c.number || changeNumberFromUrl(v) || '' })}
                  disabled={disabled}
                />
              </Wide>
              <TextInput
                id={`change-${i}-number`}
                label="Number"
                value={c.number}
                onChange={(v) => up({ ...c, number: v })}
                disabled={disabled}
              />
              <SingleSelect
                id={`change-${i}-status`}
                label="Status"
                options={voc.changeStatuses}
                value={c.status}
                onChange={(v) => up({ ...c, status: v })}
                disabled={disabled}
                clearable={false}
              />
              <SingleSelect
                id={`change-${i}-ci`}
                label="CI result"
                options={voc.ciResults}
                value={c.ci}
                onChange={(v) => up({ ...c, ci: v })}
                disabled={disabled}
                clearable={false}
              />
            </>
          )}
        />
      </Card>
    </Stack>
  );
}
