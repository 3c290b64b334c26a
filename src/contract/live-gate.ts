// The issue panel's check as the person types: the domain's own save schemas, reference checks,
// checklist and gate engine, run in the browser on the draft. The panel loads this module in a
// chunk of its own, only once the person changes something (the first render does not wait for
// zod). The server stays the authority: a save runs the same checks again, and the workflow
// validator decides a transition; this only shows the person the answer before they press Save.
import { DeliveryInputSchema, applyDeliveryInput, type Delivery } from '../domain/delivery';
import { missingOnTheWay, type GateSubject, type MissingRequirement } from '../domain/gates';
import { deliveryReferenceProblems, vettingReferenceProblems } from '../domain/references';
import { calendarOf } from '../domain/releases';
import { VettingInputSchema, checklistStatus, type ChecklistStatus, type Vetting } from '../domain/vetting';
import type { PanelData, ReadinessView } from './panel';

export interface LiveCheck {
  /** Field path as the server names it ("vetting.artifacts.0.url") -> what is wrong, as a save would refuse it. */
  fieldErrors: Record<string, string>;
  /** The checklist as the gate would read the draft once saved (Roadmap Items). */
  checklist?: ChecklistStatus;
  /** The next move's readiness for the draft; absent when it can't be worked out here (then the last save's stands). */
  readiness?: ReadinessView;
}

type Issue = { path: PropertyKey[]; message: string };
function errorsOf(record: 'vetting' | 'delivery', issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[[record, ...i.path.map(String)].join('.')] ??= i.message;
  return out;
}

/**
 * What a save of `input` (the payload the panel would send) would meet: the fields the server
 * would refuse, and, when the draft is valid, the checklist and the next gate as they would be.
 */
export function liveCheck(data: PanelData, input: Record<string, unknown>, nowMs: number): LiveCheck {
  const basis = data.readinessBasis;
  const calendar = calendarOf(basis?.releases ?? []);
  const at = { nowMs, calendar };
  const next = data.readiness[0];
  const readinessFor = (subject: GateSubject, first?: MissingRequirement): ReadinessView | undefined => {
    if (!basis || !next) return undefined;
    const missing = missingOnTheWay(basis.path, subject, basis.config, at);
    if (first) missing.unshift(first);
    return { ...next, pass: missing.length === 0, missing };
  };
  const from = data.issue.stage;

  if (data.issue.lifecycle === 'portfolio') {
    const parsed = VettingInputSchema.safeParse(input);
    if (!parsed.success) return { fieldErrors: errorsOf('vetting', parsed.error.issues) };
    const stored = data.vetting?.data;
    const trusted = data.vetting?.integrity === 'valid' ? stored : undefined;
    const problems = basis ? vettingReferenceProblems(parsed.data, trusted, calendar) : [];
    if (problems.length > 0) return { fieldErrors: Object.fromEntries(problems.map((p) => [`vetting.${p.field}`, p.message])) };
    // A save keeps the approvals of the signed record and signs the result: the gate reads it as valid.
    const { approvals: _none, ...fields } = parsed.data;
    const vetting: Vetting = { ...fields, ...(trusted?.approvals ? { approvals: trusted.approvals } : {}) };
    const checklist = checklistStatus(vetting, { ...at, stage: from });
    const readiness = readinessFor({ lifecycle: 'portfolio', integrity: 'valid', vetting, ...(from ? { from } : {}) });
    return { fieldErrors: {}, checklist, ...(readiness ? { readiness } : {}) };
  }

  if (data.issue.lifecycle === 'delivery') {
    const parsed = DeliveryInputSchema.safeParse(input);
    if (!parsed.success) return { fieldErrors: errorsOf('delivery', parsed.error.issues) };
    const stored: Delivery | undefined = data.delivery?.integrity === 'valid' ? data.delivery.data : undefined;
    const delivery = applyDeliveryInput(stored, parsed.data, 'you', new Date(nowMs).toISOString());
    const problems = basis ? deliveryReferenceProblems(delivery, stored, calendar) : [];
    if (problems.length > 0) return { fieldErrors: Object.fromEntries(problems.map((p) => [`delivery.${p.field}`, p.message])) };
    // Naming another Roadmap Item changes whose checklist the gate reads: only a save can read it.
    if ((parsed.data.roadmapItemKey ?? '') !== (data.delivery?.data?.roadmapItemKey ?? '')) return { fieldErrors: {} };
    const subject: GateSubject = { lifecycle: 'delivery', integrity: 'valid', delivery, ...(from ? { from } : {}) };
    const parent = basis?.parent;
    let first: MissingRequirement | undefined;
    if (parent?.ok) {
      subject.vetting = parent.vetting;
      if (parent.stage) subject.parentStage = parent.stage;
    } else if (parent) {
      subject.vetting = { schemaVersion: 2 };
      first = { requirement: 'roadmap-item:record', message: parent.problem };
    }
    const readiness = readinessFor(subject, first);
    return { fieldErrors: {}, ...(readiness ? { readiness } : {}) };
  }
  return { fieldErrors: {} };
}
