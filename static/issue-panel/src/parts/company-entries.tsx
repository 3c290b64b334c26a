// Checklist item 11 per member company: whether it joins and whom it commits, with the
// person-weeks each gives in the target release. Each company's row can be changed only by that
// company's Roadmap Coordinator or reps (the server decides: PanelData.companyRights, and checks
// again on save); every row says who recorded it and when. A separate part, so it moves easily.
import type { Labelled, PanelData } from '../../../../src/contract/panel';
import type { CompanyDraft, PersonDraft } from '../draft';
import { savedLabel } from '../draft';
import { Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { RowList, SingleSelect, TextInput } from './controls';
import { FieldRow, Heading, Help } from './layout';

interface Props {
  data: PanelData;
  companies: CompanyDraft[];
  onChange: (next: CompanyDraft[]) => void;
  /** The whole form is read-only (no edit permission, a write under way). */
  disabled: boolean;
}

export function CompanyEntries({ data, companies, onChange, disabled }: Props) {
  const interests: readonly Labelled[] = data.options.vocabulary.interests;
  const names = new Map(data.options.companies.map((c) => [c.id, c.name]));
  const rights = new Map((data.companyRights ?? []).map((r) => [r.company, r]));
  const stored = new Map((data.vetting?.data?.collaborators?.companies ?? []).map((c) => [c.company, c]));
  const set = (i: number, next: CompanyDraft) => onChange(companies.map((c, j) => (j === i ? next : c)));
  return (
    <Stack gap={space.m}>
      <Help>
        Each member company says whether it joins and who on its staff has time in the target release (person-weeks). Only the
        company&apos;s Roadmap Coordinator or reps can change its row.
      </Help>
      {companies.map((c, i) => {
        const name = names.get(c.company) ?? rights.get(c.company)?.name ?? c.company;
        const right = rights.get(c.company);
        const readOnly = disabled || !right?.canEdit;
        const was = stored.get(c.company);
        const id = `company-${c.company}`;
        return (
          <section key={c.company} aria-labelledby={`${id}-name`} data-testid={id} data-editable={!readOnly}>
            <Stack gap={space.xs}>
              <Heading id={`${id}-name`} level={4}>
                {name}
              </Heading>
              <FieldRow align="flex-end">
                <SingleSelect
                  id={`${id}-interest`}
                  label={`${name}: interest`}
                  options={interests}
                  value={c.interest}
                  onChange={(v) => set(i, { ...c, interest: v as CompanyDraft['interest'] })}
                  disabled={readOnly}
                />
              </FieldRow>
              <RowList<PersonDraft>
                id={`${id}-people`}
                noun={`person from ${name}`}
                items={c.people}
                blank={() => ({ name: '', personWeeks: '' })}
                disabled={readOnly}
                onChange={(people) => set(i, { ...c, people })}
                render={(p, up, k) => (
                  <>
                    <TextInput
                      id={`${id}-person-${k}-name`}
                      label={`${name}: committed person ${k + 1}`}
                      value={p.name}
                      onChange={(v) => up({ ...p, name: v })}
                      disabled={readOnly}
                    />
                    <TextInput
                      id={`${id}-person-${k}-weeks`}
                      label="Person-weeks in the target release"
                      value={p.personWeeks}
                      onChange={(v) => up({ ...p, personWeeks: v })}
                      disabled={readOnly}
                    />
                  </>
                )}
              />
              {was?.recordedAt ? (
                <p style={{ margin: 0, font: font.small, color: color.subtlest }} data-testid={`${id}-recorded`}>
                  {`Recorded by ${was.recordedByName ?? was.recordedBy ?? 'someone'}, ${savedLabel(was.recordedAt) ?? was.recordedAt}`}
                </p>
              ) : null}
              {!disabled && right && !right.canEdit && right.reason ? <Help>{right.reason}</Help> : null}
            </Stack>
          </section>
        );
      })}
    </Stack>
  );
}
