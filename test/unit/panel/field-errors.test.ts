// Where a refused field shows: the record path the server and the live check name, mapped to the
// input the person typed it into and the checklist row that holds it.
import { errorsByField, errorsByRow, fieldIdOf, rowOf } from '../../../static/issue-panel/src/field-errors';

test('each record path lands on the input that holds it', () => {
  expect(fieldIdOf('vetting.artifacts.0.url')).toBe('artifact-0-url');
  expect(fieldIdOf('vetting.requirements.2')).toBe('requirement-2');
  expect(fieldIdOf('vetting.acceptanceCriteria.0')).toBe('acceptance-0');
  expect(fieldIdOf('vetting.blueprints.findings.1.summary')).toBe('finding-1-summary');
  expect(fieldIdOf('vetting.communityAlignment.0.date')).toBe('alignment-0-date');
  expect(fieldIdOf('vetting.alignmentStrategy.plan')).toBe('strategy-plan');
  expect(fieldIdOf('vetting.notes.size')).toBe('note-size');
  expect(fieldIdOf('vetting.targetRelease')).toBe('targetRelease');
  expect(fieldIdOf('delivery.changes.3.number')).toBe('change-3-number');
  expect(fieldIdOf('delivery.blueprint.url')).toBe('blueprint-url');
  expect(fieldIdOf('delivery.milestone')).toBe('milestone-release');
  expect(fieldIdOf('delivery.alignment.0.notes')).toBe('d-alignment-0-notes');
  // A path no single input holds (the record as a whole) has no field: it stays in the message at the top.
  expect(fieldIdOf('vetting')).toBeUndefined();
});

test('each vetting path opens its checklist row, and errors are counted per row', () => {
  expect(rowOf('vetting.acceptanceCriteria.1')).toBe('requirements');
  expect(rowOf('vetting.fst')).toBe('ownership');
  expect(rowOf('vetting.alignmentStrategy.plan')).toBe('delivery-strategy');
  expect(rowOf('vetting.notes.size')).toBe('size');
  expect(rowOf('delivery.changes.0.url')).toBeUndefined();
  const errors = { 'vetting.artifacts.0.url': 'a', 'vetting.artifacts.1.url': 'b', 'vetting.targetRelease': 'c' };
  expect(errorsByRow(errors)).toEqual({ artifacts: 2, targetRelease: 1 });
  expect([...errorsByField(errors)]).toEqual([
    ['artifact-0-url', 'a'],
    ['artifact-1-url', 'b'],
    ['targetRelease', 'c'],
  ]);
});
