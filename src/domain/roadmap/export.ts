import type { VersionItem } from './version';

/**
 * A published version as files: Markdown for the mailing list and the wiki, CSV for a
 * spreadsheet. The content is the version as published; nothing is looked up again.
 */
export interface ExportHead {
  name: string;
  publishedBy: string;
  publishedAt: string;
}

export const EXPORT_FORMATS = ['markdown', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const companies = (i: VersionItem) => i.companies.map((c) => (c.people > 0 ? `${c.name} (${c.people})` : c.name)).join(', ');

/** Markdown table cells: a pipe or a line break would end the cell. */
const md = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function toMarkdown(head: ExportHead, items: readonly VersionItem[], stageName: (s: string) => string): string {
  const lines = [
    `# LCOO roadmap ${md(head.name)}`,
    '',
    `Published by ${md(head.publishedBy)} on ${head.publishedAt.slice(0, 10)}. ${items.length === 1 ? '1 item' : `${items.length} items`}, in the Roadmap Committee's order.`,
    '',
    '| Rank | Key | Summary | Stage | Target release | FST (rank) | Type / size | Committed companies (people) |',
    '|---:|---|---|---|---|---|---|---|',
    ...items.map(
      (i) =>
        `| ${i.rank ?? ''} | ${md(i.key)} | ${md(i.summary)} | ${md(stageName(i.stage))} | ${md(i.release ?? '')}${i.slipped ? ' (slipped)' : ''} | ${md(
          i.fst ? `${i.fst}${i.fstRank ? ` (${i.fstRank})` : ''}` : '',
        )} | ${md([i.type, i.size].filter(Boolean).join(' / '))} | ${md(companies(i))} |`,
    ),
    '',
    ...decisionLines(items),
  ];
  return lines.join('\n');
}

/** The committee's decisions the version carries, one line per decided item, in the version's order. */
function decisionLines(items: readonly VersionItem[]): string[] {
  const decided = items.filter((i) => i.decisions?.targetRelease || i.decisions?.deliveryStrategy);
  if (decided.length === 0) return [];
  return [
    "## The Roadmap Committee's decisions",
    '',
    ...decided.map((i) => {
      const parts = [
        ...(i.decisions?.targetRelease ? [`target release ${md(i.decisions.targetRelease)}`] : []),
        ...(i.decisions?.deliveryStrategy ? [`delivery strategy: ${md(i.decisions.deliveryStrategy)}`] : []),
      ];
      return `- **${md(i.key)}** ${md(i.summary)}: ${parts.join('; ')}`;
    }),
    '',
  ];
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; a leading =+-@ is defused for spreadsheets. */
export function csvField(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'Rank',
  'Key',
  'Summary',
  'Stage',
  'Target release',
  'Slipped',
  'FST',
  'FST rank',
  'Type',
  'Size',
  'Committed companies (people)',
  'Decided target release',
  'Decided delivery strategy',
] as const;

export function toCsv(items: readonly VersionItem[], stageName: (s: string) => string): string {
  const rows = [
    CSV_COLUMNS.map(csvField).join(','),
    ...items.map((i) =>
      [
        i.rank,
        i.key,
        i.summary,
        stageName(i.stage),
        i.release,
        i.slipped ? 'yes' : 'no',
        i.fst,
        i.fstRank,
        i.type,
        i.size,
        companies(i),
        i.decisions?.targetRelease,
        i.decisions?.deliveryStrategy,
      ]
        .map(csvField)
        .join(','),
    ),
  ];
  return `${rows.join('\r\n')}\r\n`;
}

/** "lcoo-roadmap-2027-q1-new-roadmap-indri-ptg.md" */
export function exportFileName(name: string, format: ExportFormat): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `lcoo-roadmap-${slug}.${format === 'markdown' ? 'md' : 'csv'}`;
}
