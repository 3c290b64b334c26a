// panel/load started while the rest of the app's code is still being evaluated. The panel
// needs this one answer before it can show anything; its entry (index.tsx) asks for it first
// thing, so the request travels while React and Atlaskit (most of the bundle) are parsed and
// run, instead of after. The app then takes that answer instead of asking again.
import { call } from './call';

type Load = ReturnType<typeof call<'panel/load'>>;
let started: Load | undefined;

export function loadEarly(): void {
  started = call('panel/load', {});
  // Taken (and its failure shown) by the app; until then a failure is not "unhandled".
  started.catch(() => undefined);
}

/** The early answer, once; undefined if none was started (or it was taken). */
export function takeEarlyLoad(): Load | undefined {
  const answer = started;
  started = undefined;
  return answer;
}
