// The OpenStack projects a picker offers: the active ones, plus any the record already names
// that is not offered any more (a retired project, Zuul), labelled with why, so an old record
// shows what it says and a save keeps it.
import type { Labelled, PanelOptions } from '../../../../src/contract/panel';

export function projectOptions(options: Pick<PanelOptions, 'projects' | 'projectNotices'>, held: readonly string[]): Labelled[] {
  const out: Labelled[] = options.projects.map((p) => ({ value: p, label: p }));
  for (const name of held) {
    if (name === '' || options.projects.includes(name)) continue;
    const notice = options.projectNotices[name];
    out.unshift({ value: name, label: notice ? `${name} (${notice})` : name });
  }
  return out;
}
