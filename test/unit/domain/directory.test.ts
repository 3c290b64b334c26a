// Records name FSTs and member companies by id (issue 11, point 7): a record saved with a name,
// current or former, is read with the id, so renaming an FST or a company orphans nothing.
import { DEFAULT_APP_CONFIG, keepFormerNames, type AppConfig } from '../../../src/domain/app-config';
import { directoryOf, vettingWithIds } from '../../../src/domain/directory';
import { makeVetting } from '../../fixtures/builders';

const renamed: AppConfig = {
  ...DEFAULT_APP_CONFIG,
  fsts: DEFAULT_APP_CONFIG.fsts.map((f) =>
    f.id === 'networking' ? { ...f, name: 'Network Infrastructure', formerNames: ['Networking'] } : f,
  ),
  companies: DEFAULT_APP_CONFIG.companies.map((c) => (c.id === 'att' ? { ...c, name: 'AT&T Inc.', formerNames: ['AT&T'] } : c)),
};

test('a record saved with names before a rename reads with ids, and shows the current names', () => {
  const old = makeVetting({
    fst: 'Networking',
    proposingCompany: 'AT&T',
    collaborators: {
      companies: [
        { company: 'AT&T', interest: 'yes', people: [] },
        { company: 'att', interest: 'no', people: [] },
      ],
      workingGroups: [],
    },
  });
  const v = vettingWithIds(old, directoryOf(renamed));
  expect(v.fst).toBe('networking');
  expect(v.proposingCompany).toBe('att');
  // Two entries that turn out to name one company keep the first.
  expect(v.collaborators?.companies).toEqual([{ company: 'att', interest: 'yes', people: [] }]);
  expect(directoryOf(renamed).fst(v.fst)?.name).toBe('Network Infrastructure');
  expect(directoryOf(renamed).company('at&t')?.id).toBe('att');
});

test('a name the configuration no longer knows stays as the record said it', () => {
  expect(vettingWithIds(makeVetting({ fst: 'Telecom SIG' }), directoryOf(renamed)).fst).toBe('Telecom SIG');
});

test('an admin rename keeps the old name as a former name, so records holding it still resolve', () => {
  const next: AppConfig = {
    ...DEFAULT_APP_CONFIG,
    fsts: DEFAULT_APP_CONFIG.fsts.map((f) => (f.id === 'networking' ? { ...f, name: 'Network Infrastructure' } : f)),
  };
  const saved = keepFormerNames(DEFAULT_APP_CONFIG, next);
  expect(saved.fsts.find((f) => f.id === 'networking')?.formerNames).toEqual(['Networking']);
  expect(directoryOf(saved).fst('Networking')?.id).toBe('networking');
});
