import { z } from 'zod';

/**
 * The LCOO roadmap is produced four times a year ("Produce LCOO Roadmap 4x per year"), so a
 * roadmap version and a draft belong to a calendar quarter. A quarter is named `YYYY-Qn`.
 */
export const QuarterIdSchema = z.string().regex(/^\d{4}-Q[1-4]$/, { error: 'A quarter is written like "2027-Q1".' });
export type QuarterId = z.infer<typeof QuarterIdSchema>;

export interface Quarter {
  id: QuarterId;
  year: number;
  /** 1..4 */
  q: number;
  /** First day, YYYY-MM-DD (UTC). */
  start: string;
  /** Last day, YYYY-MM-DD (UTC). */
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function quarterOf(year: number, q: number): Quarter {
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return { id: `${year}-Q${q}`, year, q, start: `${year}-${pad(startMonth)}-01`, end: `${year}-${pad(endMonth)}-${pad(lastDay)}` };
}

export function parseQuarter(id: QuarterId): Quarter {
  const [y, q] = id.split('-Q');
  return quarterOf(Number(y), Number(q));
}

/** The quarter a moment falls in (UTC). */
export function quarterAt(now: Date | number): Quarter {
  const d = new Date(now);
  return quarterOf(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) + 1);
}

export function nextQuarter(quarter: Pick<Quarter, 'year' | 'q'>): Quarter {
  return quarter.q === 4 ? quarterOf(quarter.year + 1, 1) : quarterOf(quarter.year, quarter.q + 1);
}

/**
 * The quarter the committee is drafting: the coming one (the "for the coming quarter").
 * A roadmap for a quarter is prepared and published before it starts.
 */
export function draftQuarter(now: Date | number): Quarter {
  return nextQuarter(quarterAt(now));
}

/** "2027 Q1" */
export const quarterLabel = (id: QuarterId): string => id.replace('-', ' ');
