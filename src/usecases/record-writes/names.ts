// How FST and company ids read in a history entry: the names of the day the entry is written.
import type { AppConfig } from '../../domain/app-config';
import { directoryOf } from '../../domain/directory';
import type { ChangeNames } from '../../domain/record-changes';

export function changeNames(config: AppConfig): ChangeNames {
  const d = directoryOf(config);
  return { fst: (id) => d.fst(id)?.name, company: (id) => d.company(id)?.name };
}
