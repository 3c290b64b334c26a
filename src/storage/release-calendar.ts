// The admin's entries in the OpenStack release calendar, in Forge KVS under their own key,
// zod-checked on every read and write. Every entry point reads them once per call and hands
// the merged calendar to the domain.
import { kvs } from '@forge/kvs';
import { CalendarEntriesInputSchema, buildCalendar, type CalendarEntries } from '../domain/release-calendar';
import { BUILTIN_CALENDAR, type ReleaseCalendar } from '../domain/releases';
import { KVS_KEYS } from './keys';

/** What is stored: the entries and who saved them last. */
export interface StoredCalendar extends CalendarEntries {
  updatedAt?: string;
  updatedBy?: string;
}

export interface LoadedCalendar {
  calendar: ReleaseCalendar;
  entries: CalendarEntries;
  /** 'built-in': nothing saved; 'invalid-stored': a stored value that no longer parses (the built-in calendar stands in). */
  source: 'built-in' | 'stored' | 'invalid-stored';
  problem?: string;
  updatedAt?: string;
  updatedBy?: string;
}

const NONE: CalendarEntries = { version: 1, series: [] };

/**
 * Reads the calendar in effect. Entries that no longer parse (or no longer fit the built-in
 * series after an app update) are set aside with a sentence for the admin: the built-in
 * calendar still knows every series a record could have been saved against.
 */
export async function loadReleaseCalendar(): Promise<LoadedCalendar> {
  const raw = await kvs.get<unknown>(KVS_KEYS.releaseCalendar);
  if (raw === undefined || raw === null) return { calendar: BUILTIN_CALENDAR, entries: NONE, source: 'built-in' };
  const parsed = CalendarEntriesInputSchema.safeParse(raw);
  const stamp = raw as { updatedAt?: unknown; updatedBy?: unknown };
  const who = {
    ...(typeof stamp.updatedAt === 'string' ? { updatedAt: stamp.updatedAt } : {}),
    ...(typeof stamp.updatedBy === 'string' ? { updatedBy: stamp.updatedBy } : {}),
  };
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      calendar: BUILTIN_CALENDAR,
      entries: NONE,
      source: 'invalid-stored',
      problem: `The saved release calendar entries can't be used (${first ? `${first.path.join('.')}: ${first.message}` : 'unknown problem'}); the built-in calendar applies until an administrator saves the entries again.`,
      ...who,
    };
  }
  return { calendar: buildCalendar(parsed.data.series), entries: parsed.data, source: 'stored', ...who };
}

export async function saveReleaseCalendar(entries: CalendarEntries, by: { accountId: string; at: Date }): Promise<LoadedCalendar> {
  const valid = CalendarEntriesInputSchema.parse(entries);
  const stored: StoredCalendar = { ...valid, updatedAt: by.at.toISOString(), updatedBy: by.accountId };
  await kvs.set(KVS_KEYS.releaseCalendar, stored);
  return { calendar: buildCalendar(valid.series), entries: valid, source: 'stored', updatedAt: stored.updatedAt, updatedBy: by.accountId };
}
