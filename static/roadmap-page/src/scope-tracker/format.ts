// Words and dates as the tracker shows them.
import type { TrackerView } from '../../../../src/contract/scope-tracker';

export const companyName = (view: TrackerView, id: string): string => view.names.companies[id] ?? id;
export const fstName = (view: TrackerView, id: string | undefined): string =>
  id === undefined || id === '(no FST)' ? 'No FST' : (view.names.fsts[id] ?? id);

export const weeks = (n: number): string => `${n} person-week${n === 1 ? '' : 's'}`;
export const people = (n: number): string => `${n} ${n === 1 ? 'person' : 'people'}`;

const DAY_MS = 86_400_000;
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday of `iso`'s week (UTC), as the server dates updates. */
export function mondayOf(iso: string): string {
  const ms = dayMs(iso);
  return isoDay(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS);
}

/** This week and the eight before it: the weeks an update may be for. */
export function weekChoices(today: string): { value: string; label: string }[] {
  const monday = mondayOf(today);
  return Array.from({ length: 9 }, (_, i) => {
    const value = isoDay(dayMs(monday) - i * 7 * DAY_MS);
    return { value, label: i === 0 ? `This week (from ${value})` : `Week of ${value}` };
  });
}

/** When an update was written, in the reader's language: "30 Nov 2026, 14:05". */
export function writtenAt(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
