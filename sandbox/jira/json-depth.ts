// How deeply a JSON value nests, measured without recursion (a recursive walk is exactly
// what a hostile 5,000-level body overflows). Jira's own limit is not documented; Jackson,
// the JSON library of Atlassian's Java services, refuses documents nested deeper than 1,000
// levels by default (StreamReadConstraints, since 2.15), and the emulator does the same, so
// no handler, indexer or serialiser downstream ever sees a deeper value.
export const MAX_JSON_DEPTH = 1000;

/** True when `value` nests objects/arrays more than `max` levels deep; stops as soon as it knows. */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: { v: object; depth: number }[] = [{ v: value, depth: 1 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child as object, depth: depth + 1 });
    }
  }
  return false;
}

/** The same check on JSON text, before parsing (brackets outside strings). */
export function textNestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}
