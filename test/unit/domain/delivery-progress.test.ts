// The delivery roll-up of a Roadmap Item (src/domain/delivery-progress.ts): counts per stage,
// delivered of total, the deliverable furthest behind, the slipped ones, and its sentence.
import { deliveryProgressSentence, rollUpDelivery, type DeliverableStanding } from '../../../src/domain/delivery-progress';
import { DELIVERY_STAGES } from '../../../src/domain/lifecycle';

const d = (key: string, stage: DeliverableStanding['stage'], slipped = false, summary = `Work ${key}`) => ({
  key,
  stage,
  slipped,
  summary,
});

describe('rollUpDelivery', () => {
  it('counts every delivery stage in lifecycle order, empty ones as 0', () => {
    const p = rollUpDelivery([d('LCOO-3', 'coding-in-progress'), d('LCOO-4', 'delivered'), d('LCOO-5', 'coding-in-progress')]);
    expect(p.byStage.map((s) => s.stage)).toEqual([...DELIVERY_STAGES]);
    expect(Object.fromEntries(p.byStage.map((s) => [s.stage, s.count]))).toEqual({
      backlog: 0,
      'blueprint-in-progress': 0,
      'blueprint-accepted': 0,
      'spec-in-progress': 0,
      'spec-accepted': 0,
      'coding-in-progress': 2,
      'code-committed': 0,
      delivered: 1,
    });
    expect(p.total).toBe(3);
    expect(p.delivered).toBe(1);
  });

  it('names the deliverable at the earliest stage as furthest behind, and hands back the caller’s row', () => {
    const p = rollUpDelivery([d('LCOO-10', 'code-committed'), d('LCOO-9', 'blueprint-accepted'), d('LCOO-11', 'delivered')]);
    expect(p.furthestBehind).toEqual(d('LCOO-9', 'blueprint-accepted'));
    expect(p.furthestBehind?.summary).toBe('Work LCOO-9');
  });

  it('among deliverables at the same stage, a slipped one is furthest behind, then the lowest key (LCOO-9 before LCOO-10)', () => {
    expect(rollUpDelivery([d('LCOO-10', 'backlog'), d('LCOO-9', 'backlog')]).furthestBehind?.key).toBe('LCOO-9');
    expect(rollUpDelivery([d('LCOO-9', 'backlog'), d('LCOO-10', 'backlog', true)]).furthestBehind?.key).toBe('LCOO-10');
  });

  it('has nothing behind when every deliverable is Delivered, or there are none', () => {
    expect(rollUpDelivery([d('LCOO-1', 'delivered'), d('LCOO-2', 'delivered')]).furthestBehind).toBeUndefined();
    const none = rollUpDelivery([]);
    expect(none).toMatchObject({ total: 0, delivered: 0, slipped: [], deliverables: [] });
    expect(none.furthestBehind).toBeUndefined();
    expect(none.byStage.every((s) => s.count === 0)).toBe(true);
  });

  it('lists the slipped deliverables and all deliverables in key order', () => {
    const p = rollUpDelivery([d('LCOO-12', 'spec-accepted', true), d('LCOO-2', 'backlog', true), d('LCOO-7', 'delivered')]);
    expect(p.slipped.map((x) => x.key)).toEqual(['LCOO-2', 'LCOO-12']);
    expect(p.deliverables.map((x) => x.key)).toEqual(['LCOO-2', 'LCOO-7', 'LCOO-12']);
  });

  it('counts a deliverable listed twice once (the first row wins)', () => {
    const p = rollUpDelivery([d('LCOO-2', 'backlog'), d('LCOO-2', 'delivered')]);
    expect(p.total).toBe(1);
    expect(p.delivered).toBe(0);
    expect(p.deliverables).toEqual([d('LCOO-2', 'backlog')]);
  });
});

describe('deliveryProgressSentence', () => {
  it('says delivered of total, slipped and furthest behind with proper plurals and status names', () => {
    expect(deliveryProgressSentence(rollUpDelivery([d('LCOO-3', 'blueprint-in-progress', true), d('LCOO-4', 'delivered')]))).toBe(
      '1 of 2 deliverables delivered; 1 has slipped past the release; furthest behind: LCOO-3 (Blueprint In Progress).',
    );
    expect(
      deliveryProgressSentence(
        rollUpDelivery([d('LCOO-3', 'backlog', true), d('LCOO-4', 'spec-in-progress', true), d('LCOO-5', 'delivered')]),
      ),
    ).toBe('1 of 3 deliverables delivered; 2 have slipped past the release; furthest behind: LCOO-3 (Backlog).');
  });

  it('does not name a single deliverable as furthest behind, and says when all are delivered', () => {
    expect(deliveryProgressSentence(rollUpDelivery([d('LCOO-3', 'backlog')]))).toBe('0 of 1 deliverable delivered.');
    expect(deliveryProgressSentence(rollUpDelivery([d('LCOO-3', 'delivered')]))).toBe('Its one deliverable is delivered.');
    expect(deliveryProgressSentence(rollUpDelivery([d('LCOO-3', 'delivered'), d('LCOO-4', 'delivered')]))).toBe(
      'All 2 deliverables delivered.',
    );
  });

  it('says when no deliverable is linked yet', () => {
    expect(deliveryProgressSentence(rollUpDelivery([]))).toBe('No Upstream Deliverables are linked to this Roadmap Item yet.');
  });
});
