// Errors on the fields they are about. The server (a refused save's `fieldErrors`) and the live
// check (the same schemas run on the draft) name a field by its record path
// ("vetting.artifacts.0.url"); the form knows it by its input id ("artifact-0-url") and its row
// ("artifacts"). Pure mapping functions (unit-tested) plus a context the controls read.
import { createContext, useContext } from 'react';

/** Input id -> message, for every field with a problem now. */
export const FieldErrorContext = createContext<ReadonlyMap<string, string>>(new Map());

export const useFieldError = (id: string): string | undefined => useContext(FieldErrorContext).get(id);

const VETTING_IDS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^requirements\.(\d+)/, (m) => `requirement-${m[1]}`],
  [/^acceptanceCriteria\.(\d+)/, (m) => `acceptance-${m[1]}`],
  [/^stakeholders\.(\d+)\.(name|company|role)/, (m) => `stakeholder-${m[1]}-${m[2]}`],
  [/^artifacts\.(\d+)\.(kind|url|title)/, (m) => `artifact-${m[1]}-${m[2]}`],
  [/^blueprints\.findings\.(\d+)\.(url|summary)/, (m) => `finding-${m[1]}-${m[2]}`],
  [/^blueprints\.conclusion/, () => 'blueprints-conclusion'],
  [/^blueprints/, () => 'blueprints-searched'],
  [/^communityAlignment\.(\d+)\.(channel|date|notes)/, (m) => `alignment-${m[1]}-${m[2]}`],
  [/^collaborators\.workingGroups\.(\d+)/, (m) => `working-group-${m[1]}`],
  [/^alignmentStrategy\.benefittingRelease/, () => 'strategy-release'],
  [/^alignmentStrategy\.plan/, () => 'strategy-plan'],
  [/^alignmentStrategy\.closingLoops/, () => 'strategy-loops'],
  [/^notes\.(\w+)/, (m) => `note-${m[1]}`],
  [/^(fst|proposingCompany|type|components|size|valueToMembers|valueToCommunity|targetRelease|deliveryStream)\b/, (m) => m[1] ?? ''],
];

const DELIVERY_IDS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^roadmapItemKey/, () => 'roadmapItemKey'],
  [/^project/, () => 'project'],
  [/^blueprint\.(url|title)/, (m) => `blueprint-${m[1]}`],
  [/^specification\.reviewUrl/, () => 'spec-url'],
  [/^specification/, () => 'spec-approved'],
  [/^changes\.(\d+)\.(url|number|status|ci)/, (m) => `change-${m[1]}-${m[2]}`],
  [/^milestone\.label/, () => 'milestone-label'],
  [/^milestone/, () => 'milestone-release'],
  [/^alignment\.(\d+)\.(date|notes)/, (m) => `d-alignment-${m[1]}-${m[2]}`],
];

/** The input a record path is typed into; undefined when no single field holds it (a whole list, the size of the record). */
export function fieldIdOf(path: string): string | undefined {
  const [record, ...rest] = path.split('.');
  const tail = rest.join('.');
  const table = record === 'vetting' ? VETTING_IDS : record === 'delivery' ? DELIVERY_IDS : [];
  for (const [re, id] of table) {
    const m = re.exec(tail);
    if (m) return id(m);
  }
  return undefined;
}

/** The checklist row that holds a vetting path (rows open by themselves when they hold an error). */
export function rowOf(path: string): string | undefined {
  const [record, head = '', next = ''] = path.split('.');
  if (record !== 'vetting') return undefined;
  if (head === 'fst' || head === 'proposingCompany') return 'ownership';
  if (head === 'acceptanceCriteria') return 'requirements';
  if (head === 'deliveryStream' || head === 'alignmentStrategy') return 'delivery-strategy';
  if (head === 'notes') return next;
  return head;
}

/** Input id -> message (the first message for a field wins), in the order the paths came. */
export function errorsByField(fieldErrors: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, message] of Object.entries(fieldErrors)) {
    const id = fieldIdOf(path);
    if (id && !out.has(id)) out.set(id, message);
  }
  return out;
}

/** How many errors each row holds. */
export function errorsByRow(fieldErrors: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const path of Object.keys(fieldErrors)) {
    const row = rowOf(path);
    if (row) out[row] = (out[row] ?? 0) + 1;
  }
  return out;
}
