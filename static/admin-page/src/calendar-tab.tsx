// Release calendar: the OpenStack series the app knows (built in from openstack/releases, the
// next ones by number with estimated dates) and the administrator's entries, which add the next
// series or correct one as releases.openstack.org publishes it, without a release of the app.
// The server checks the entries as a calendar and answers with an error per field.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import type { CalendarSeriesView, CalendarView, SeriesEntry } from '../../../src/contract/calendar';
import type { FieldErrors } from '../../../src/contract/admin';
import { FieldError, Label } from '../../shared/field';
import { whileLoading } from '../../shared/busy';
import { Row, Stack } from '../../shared/layout';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';
import { call, isCallError } from './call';
import { Section } from './layout';

type Vocabulary = CalendarView['vocabulary'];
type MilestoneId = Vocabulary['milestones'][number]['id'];
type StatusId = Vocabulary['statuses'][number]['id'];

/** An entry as typed: every field a string ('' = left out). */
interface EntryDraft {
  version: string;
  name: string;
  firstReleaseDate: string;
  status: StatusId | '';
  statusSince: string;
  note: string;
  milestones: Partial<Record<MilestoneId, string>>;
}

const toDraft = (e: SeriesEntry): EntryDraft => ({
  version: e.version,
  name: e.name ?? '',
  firstReleaseDate: e.firstReleaseDate ?? '',
  status: e.status ?? '',
  statusSince: e.statusSince ?? '',
  note: e.note ?? '',
  milestones: { ...(e.milestones ?? {}) },
});

function toEntry(d: EntryDraft): SeriesEntry {
  const milestones = Object.fromEntries(Object.entries(d.milestones).filter(([, v]) => v !== undefined && v.trim() !== ''));
  return {
    version: d.version.trim(),
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    ...(d.firstReleaseDate ? { firstReleaseDate: d.firstReleaseDate } : {}),
    ...(d.status ? { status: d.status } : {}),
    ...(d.statusSince ? { statusSince: d.statusSince } : {}),
    ...(Object.keys(milestones).length > 0 ? { milestones } : {}),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
  };
}

const SOURCE_LABELS: Record<CalendarSeriesView['source'], string> = {
  'built-in': 'Built in',
  corrected: 'Corrected here',
  admin: 'Added here',
  projected: 'By number (estimated)',
};

const cell = { padding: `${space.xs} ${space.s}`, borderBottom: `1px solid ${color.border}`, verticalAlign: 'top' } as const;

function SeriesTable({ series }: { series: CalendarSeriesView[] }) {
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body }}>
      <caption style={{ textAlign: 'left', font: font.small, color: color.subtle, paddingBottom: space.xs }}>
        Every series from 2023.1 on, and the next ones by number until two are still to ship.
      </caption>
      <thead>
        <tr>
          {['Series', 'Release date', 'Status', 'Milestones', 'Source'].map((h) => (
            <th key={h} scope="col" style={{ ...cell, textAlign: 'left', font: font.small, fontWeight: 600, color: color.subtle }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={s.id}>
            <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 600 }}>
              {s.label}
              {s.slurp ? <span style={{ font: font.small, color: color.subtle }}> SLURP</span> : null}
            </th>
            <td style={{ ...cell, whiteSpace: 'nowrap' }}>
              {s.firstReleaseDate}
              {s.estimated ? <div style={{ font: font.small, color: color.subtle }}>estimated</div> : null}
            </td>
            <td style={cell}>
              <Lozenge appearance={s.open ? 'inprogress' : s.status === 'maintained' ? 'success' : 'default'}>{s.statusLabel}</Lozenge>
              {s.statusSince ? (
                <div style={{ font: font.small, color: color.subtle, whiteSpace: 'nowrap' }}>since {s.statusSince}</div>
              ) : null}
            </td>
            <td style={{ ...cell, font: font.small }}>
              {s.milestones.length === 0
                ? 'No schedule'
                : s.milestones
                    .filter((m) => m.kind !== 'final')
                    .map((m) => `${m.label} ${m.date}${m.estimated ? '*' : ''}`)
                    .join(' · ')}
            </td>
            <td style={{ ...cell, font: font.small, color: color.subtle }}>{SOURCE_LABELS[s.source]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DateCell(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  onChange: (v: string) => void;
  hint?: string;
}) {
  return (
    <Stack gap={space.xs} style={{ width: 170 }}>
      <Label htmlFor={props.id}>{props.label}</Label>
      <Textfield
        id={props.id}
        type="date"
        isCompact
        value={props.value}
        isInvalid={!!props.error}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).value)}
      />
      {props.hint && !props.value ? <span style={{ font: font.small, color: color.subtlest }}>{props.hint}</span> : null}
      <FieldError id={props.id} message={props.error} />
    </Stack>
  );
}

function TextCell(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  onChange: (v: string) => void;
  width?: number;
  placeholder?: string;
}) {
  return (
    <Stack gap={space.xs} style={{ width: props.width ?? 170 }}>
      <Label htmlFor={props.id}>{props.label}</Label>
      <Textfield
        id={props.id}
        isCompact
        value={props.value}
        placeholder={props.placeholder}
        isInvalid={!!props.error}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).value)}
      />
      <FieldError id={props.id} message={props.error} />
    </Stack>
  );
}

export function CalendarTab() {
  const [view, setView] = useState<CalendarView | undefined>();
  const [drafts, setDrafts] = useState<EntryDraft[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const adopt = (v: CalendarView) => {
    setView(v);
    setDrafts(v.entries.series.map(toDraft));
  };

  useEffect(() => {
    whileLoading(call('calendar/get'))
      .then(adopt)
      .catch((err: unknown) =>
        setMessage({ tone: 'error', text: isCallError(err) ? err.message : 'The release calendar could not be loaded.' }),
      );
  }, []);

  if (!view) {
    return message ? (
      <SectionMessage appearance="error" title="Release calendar not available">
        <p>{message.text}</p>
      </SectionMessage>
    ) : (
      <Spinner label="Loading the release calendar" />
    );
  }

  const shown = new Set<string>();
  const err = (path: string) => {
    shown.add(path);
    return errors[path];
  };
  const update = (i: number, next: Partial<EntryDraft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...next } : d)));
  const seriesOf = (version: string) => view.series.find((s) => s.version === version.trim());
  // The first series still known only by its number: what an admin most often adds next.
  const nextByNumber = view.series.find((s) => s.source === 'projected' && !drafts.some((d) => d.version === s.version));

  const save = async () => {
    setBusy(true);
    setMessage(undefined);
    setErrors({});
    try {
      adopt(await call('calendar/save', { version: 1, series: drafts.map(toEntry) }));
      setMessage({ tone: 'success', text: 'Saved. Targets, milestones and slipped items follow the calendar from now on.' });
    } catch (e) {
      if (isCallError(e)) {
        const details = e.details;
        if (details && 'fieldErrors' in details) {
          // Each problem is shown beside its field (or under "Also fix"): the banner only says so,
          // rather than repeating them with their wire paths.
          setErrors(details.fieldErrors);
          const n = Object.keys(details.fieldErrors).length;
          setMessage({ tone: 'error', text: `Not saved: ${n === 1 ? 'one field needs' : `${n} fields need`} a change; each says why.` });
        } else setMessage({ tone: 'error', text: e.message });
      } else setMessage({ tone: 'error', text: 'The release calendar could not be saved. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  const entries = drafts.map((d, i) => {
    const known = seriesOf(d.version);
    const hint = (kind: MilestoneId) => {
      const m = known?.milestones.find((x) => x.kind === kind);
      return m ? `${m.estimated ? 'estimated' : 'now'} ${m.date}` : undefined;
    };
    const title = known ? `${known.label} · ${SOURCE_LABELS[known.source]}` : d.version || `Entry ${i + 1}`;
    return (
      <fieldset
        key={i}
        style={{ border: `1px solid ${color.border}`, borderRadius: 4, padding: space.m, margin: 0 }}
        aria-describedby={`entry-${i}-title`}
      >
        <legend id={`entry-${i}-title`} style={{ font: font.small, fontWeight: 600, color: color.text, padding: `0 ${space.xs}` }}>
          {title}
        </legend>
        <Stack gap={space.s}>
          <Row align="flex-start">
            <TextCell
              id={`series-${i}-version`}
              label="Series number"
              placeholder="2027.2"
              width={120}
              value={d.version}
              error={err(`series.${i}.version`)}
              onChange={(v) => update(i, { version: v })}
            />
            <TextCell
              id={`series-${i}-name`}
              label="Name"
              placeholder={known?.name !== known?.version ? known?.name : 'not named yet'}
              width={150}
              value={d.name}
              error={err(`series.${i}.name`)}
              onChange={(v) => update(i, { name: v })}
            />
            <DateCell
              id={`series-${i}-firstReleaseDate`}
              label="Release date"
              value={d.firstReleaseDate}
              hint={known ? `${known.estimated ? 'estimated' : 'now'} ${known.firstReleaseDate}` : undefined}
              error={err(`series.${i}.firstReleaseDate`)}
              onChange={(v) => update(i, { firstReleaseDate: v })}
            />
            <Stack gap={space.xs} style={{ width: 170 }}>
              <Label htmlFor={`series-${i}-status`}>Status</Label>
              <select
                id={`series-${i}-status`}
                value={d.status}
                onChange={(e) => update(i, { status: e.target.value as StatusId | '' })}
                style={{
                  font: font.body,
                  color: color.text,
                  background: color.surface,
                  border: `1px solid ${color.border}`,
                  borderRadius: 3,
                  padding: '4px 6px',
                }}
              >
                <option value="">As published</option>
                {view.vocabulary.statuses.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
              <FieldError id={`series-${i}-status`} message={err(`series.${i}.status`)} />
            </Stack>
            <DateCell
              id={`series-${i}-statusSince`}
              label="Status since"
              value={d.statusSince}
              error={err(`series.${i}.statusSince`)}
              onChange={(v) => update(i, { statusSince: v })}
            />
          </Row>
          <Row align="flex-start">
            {view.vocabulary.milestones.map((m) => (
              <DateCell
                key={m.id}
                id={`series-${i}-milestones-${m.id}`}
                label={m.label}
                value={d.milestones[m.id] ?? ''}
                hint={hint(m.id)}
                error={err(`series.${i}.milestones.${m.id}`)}
                onChange={(v) => update(i, { milestones: { ...d.milestones, [m.id]: v } })}
              />
            ))}
          </Row>
          <Row align="flex-end">
            <TextCell
              id={`series-${i}-note`}
              label="Source or note"
              placeholder="e.g. schedule published on releases.openstack.org"
              width={420}
              value={d.note}
              error={err(`series.${i}.note`)}
              onChange={(v) => update(i, { note: v })}
            />
            <div>
              <Button
                appearance="subtle"
                aria-label={`Remove the entry for ${d.version || `entry ${i + 1}`}`}
                onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}
              >
                Remove
              </Button>
            </div>
          </Row>
        </Stack>
      </fieldset>
    );
  });

  const unplaced = Object.entries(errors).filter(([path]) => !shown.has(path));
  return (
    <Stack gap={space.l}>
      {view.problem ? (
        <SectionMessage appearance="warning" title="The saved entries are not in use">
          <p>{view.problem}</p>
        </SectionMessage>
      ) : null}
      <Section
        id="cal-series"
        title="OpenStack series"
        description={`As of ${view.today}. Built in from openstack/releases (series status and schedules); * marks an estimated date. Items target these series, deliverables pick their milestones from them, and an item slips when its series ships before it got there.`}
      >
        <SeriesTable series={view.series} />
      </Section>
      <Section
        id="cal-entries"
        title="Add or correct a series"
        description="When the TC names the next series or its schedule is published, enter it here. An entry for a built-in series corrects it; an empty field keeps what the app has (shown under each field)."
      >
        {drafts.length === 0 ? <p style={{ margin: 0, color: color.subtle }}>No entries: the built-in calendar applies.</p> : entries}
        <Row>
          <Button
            onClick={() =>
              setDrafts([
                ...drafts,
                {
                  version: nextByNumber?.version ?? '',
                  name: '',
                  firstReleaseDate: '',
                  status: '',
                  statusSince: '',
                  note: '',
                  milestones: {},
                },
              ])
            }
          >
            {nextByNumber?.version ? `Add series ${nextByNumber.version}` : 'Add a series'}
          </Button>
        </Row>
        {view.updatedAt ? (
          <p style={{ margin: 0, font: font.small, color: color.subtle }}>
            Last saved {view.updatedAt.slice(0, 16).replace('T', ' ')} UTC.
          </p>
        ) : null}
      </Section>
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
        <SectionMessage appearance={message.tone === 'error' ? 'error' : 'success'}>
          <p>{message.text}</p>
        </SectionMessage>
      ) : null}
      <div style={{ position: 'sticky', bottom: 0, background: color.sunken, padding: space.s, borderTop: `1px solid ${color.border}` }}>
        <Button appearance="primary" onClick={() => void save()} isLoading={busy} isDisabled={busy}>
          Save release calendar
        </Button>
      </div>
    </Stack>
  );
}
