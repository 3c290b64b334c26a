// A resolver call started while the rest of the app's code is still being evaluated. The panel
// needs one answer (panel/load) before it can show anything; its entry imports a module that
// asks for it first thing, so the request travels while React and Atlaskit (most of the bundle)
// are parsed and run, instead of after. The app then takes that answer instead of asking again.
import { call } from './invoke';

const started = new Map<string, Promise<unknown>>();

export function callEarly(key: string, payload: Record<string, unknown> = {}): void {
  const answer = call(key, payload);
  // Taken (and its failure shown) by the app; until then a failure is not "unhandled".
  answer.catch(() => undefined);
  started.set(key, answer);
}

/** The early answer for this key, once; undefined if none was started (or it was taken). */
export function takeEarly<T>(key: string): Promise<T> | undefined {
  const answer = started.get(key) as Promise<T> | undefined;
  started.delete(key);
  return answer;
}
