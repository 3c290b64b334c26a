// Scheduled trigger lcoo-upstream-sync (hourly): refreshes the Gerrit and Launchpad evidence of
// deliverables that are not Delivered (src/usecases/upstream-sync.ts). Never throws: a failed run
// is logged, and a source that failed backs off.
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { syncUpstream, type SyncOutcome } from '../../usecases/upstream-sync';

export async function upstreamSyncTrigger(): Promise<SyncOutcome | { error: string }> {
  try {
    const [loaded, calendar] = await Promise.all([loadAppConfig(), loadReleaseCalendar()]);
    return await syncUpstream({ config: loaded.config, calendar: calendar.calendar });
  } catch (e) {
    console.error('[lcoo] upstream sync failed:', e);
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
