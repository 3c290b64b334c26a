import { z } from 'zod';

/**
 * Small zod building blocks shared by the vetting and delivery records. The limits keep
 * a whole record well under Jira's 32 KB entity-property limit; the messages are what a
 * person sees when a save is refused, so they say what to do.
 */

export const MAX_SHORT = 200;
export const MAX_TEXT = 2000;
export const MAX_LIST = 25;

/** Text a person types: trimmed, bounded. Empty is allowed (a draft may leave it blank). */
export const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, { error: `${what} is too long: keep it under ${max} characters.` });

/** Text that must say something (names in a list entry, a finding's summary). */
export const requiredText = (max: number, what: string) => text(max, what).min(1, { error: `${what} can't be empty.` });

export const list = <T extends z.ZodType>(item: T, what: string, max: number = MAX_LIST) =>
  z.array(item, { error: `${what} must be a list.` }).max(max, { error: `${what}: at most ${max} entries.` });

/** A web address people can open: http or https only (no javascript:, data:, file:). */
export const WebUrlSchema = z
  .string({ error: 'A link must be a web address.' })
  .trim()
  .max(1000, { error: 'A link is too long: keep it under 1000 characters.' })
  .refine((v) => isWebUrl(v), { error: 'Enter a web address starting with http:// or https://.' });

export function isWebUrl(value: string): boolean {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Atlassian account ids: opaque strings ("5b10ac8d82e05b22cc7d4ef5", "557058:..."). */
export const AccountIdSchema = z
  .string({ error: 'An account id must be text.' })
  .trim()
  .min(1, { error: 'An account id is required.' })
  .max(128, { error: 'An account id is too long.' });

/** An instant with a time zone, as Date.toISOString() writes it. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true, error: 'Enter a date and time in ISO 8601 form.' });

/** A calendar date YYYY-MM-DD. */
export const IsoDateSchema = z.iso.date({ error: 'Enter a date as YYYY-MM-DD.' });

/** Jira issue keys: "LCOO-12". */
export const IssueKeySchema = z
  .string({ error: 'An issue key must be text.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,9}$/, { error: 'Enter a Jira issue key such as LCOO-12.' });

export function isBlank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === '';
}

/** UTF-8 size of a value as JSON: what counts against Jira's 32 KB property limit. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}
