// The history's "what changed, field by field" (issue 11, History).
import { recordChanges } from '../../../src/domain/record-changes';
import { makeApproval, makeCompleteVetting } from '../../fixtures/builders';

test('a checklist edit reads as the item and its before and after', () => {
  const v = makeCompleteVetting();
  expect(recordChanges(v, { ...v, size: v.size === 'XL' ? 'S' : 'XL' })).toEqual([
    { field: 'size', label: 'Size of effort', before: v.size, after: v.size === 'XL' ? 'S' : 'XL' },
  ]);
});

test('an approval taken back reads as whose and which, not as its key', () => {
  const v = makeCompleteVetting({ approvals: [makeApproval('fst-prioritization', { note: 'Top 3' })] });
  const changes = recordChanges(v, { ...v, approvals: [] });
  expect(changes).toEqual([
    {
      field: expect.stringMatching(/^approvals\./),
      label: 'Approvals',
      before: expect.stringMatching(/^Prioritized by the Functional Specialty Team by .+: "Top 3"$/),
    },
  ]);
});

test('company entries read with the company name the history is given', () => {
  const v = makeCompleteVetting({
    collaborators: { companies: [{ company: 'comcast', interest: 'undecided', people: [] }], workingGroups: [] },
  });
  const after = { ...v, collaborators: { companies: [{ company: 'comcast', interest: 'yes' as const, people: [] }], workingGroups: [] } };
  expect(recordChanges(v, after, { company: (id) => (id === 'comcast' ? 'Comcast' : undefined) })).toEqual([
    { field: 'collaborators.companies.comcast.interest', label: expect.stringContaining('Comcast'), before: 'undecided', after: 'yes' },
  ]);
});
