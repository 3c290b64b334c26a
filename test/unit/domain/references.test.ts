// Issue 11, items 8 and 9: what a save may name. A deliverable's milestone is a real milestone
// of its release, on its date; a target is a series of the calendar in effect (the next one by
// number included); what the stored record already holds is kept.
import {
  BUILTIN_CALENDAR,
  DeliverySchema,
  VettingSchema,
  buildCalendar,
  deliveryReferenceProblems,
  vettingReferenceProblems,
} from '../../../src/domain';
import { makeCompleteDelivery, makeVetting } from '../../fixtures/builders';

const delivery = (milestone: { releaseId: string; label: string; date: string }) =>
  DeliverySchema.parse(makeCompleteDelivery({ milestone: { ...milestone, recordedBy: 'a', recordedAt: '2026-11-20T09:30:00.000Z' } }));

describe('deliveryReferenceProblems', () => {
  it('accepts a milestone of the schedule and refuses the release date passed off as a milestone', () => {
    expect(
      deliveryReferenceProblems(delivery({ releaseId: 'indri', label: 'Indri-3', date: '2027-02-18' }), undefined, BUILTIN_CALENDAR),
    ).toEqual([]);
    expect(
      deliveryReferenceProblems(delivery({ releaseId: 'indri', label: 'Indri-2', date: '2027-03-24' }), undefined, BUILTIN_CALENDAR),
    ).toEqual([{ field: 'milestone', message: 'Indri-2 of 2027.1 Indri is on 2027-01-14, not 2027-03-24.' }]);
  });

  it('keeps a milestone the stored record already holds', () => {
    const old = delivery({ releaseId: 'indri', label: 'Indri-2', date: '2027-01-07' });
    expect(deliveryReferenceProblems(old, old, BUILTIN_CALENDAR)).toEqual([]);
  });

  it('follows the calendar in effect: a corrected date is the one to use', () => {
    const corrected = buildCalendar([{ version: '2027.1', milestones: { 'milestone-2': '2027-01-21' } }]);
    const d = delivery({ releaseId: 'indri', label: 'Indri-2', date: '2027-01-21' });
    expect(deliveryReferenceProblems(d, undefined, corrected)).toEqual([]);
    expect(deliveryReferenceProblems(d, undefined, BUILTIN_CALENDAR)).toHaveLength(1);
  });
});

describe('vettingReferenceProblems', () => {
  it('takes the next series by number and refuses a series the calendar does not have', () => {
    expect(vettingReferenceProblems(VettingSchema.parse(makeVetting({ targetRelease: '2027.2' })), undefined, BUILTIN_CALENDAR)).toEqual(
      [],
    );
    expect(vettingReferenceProblems(VettingSchema.parse(makeVetting({ targetRelease: 'juniper' })), undefined, BUILTIN_CALENDAR)).toEqual([
      { field: 'targetRelease', message: '"juniper" is not an OpenStack series in the release calendar; choose one from the list.' },
    ]);
    const named = buildCalendar([{ version: '2027.2', name: 'Juniper' }]);
    expect(vettingReferenceProblems(VettingSchema.parse(makeVetting({ targetRelease: 'juniper' })), undefined, named)).toEqual([]);
  });
});
