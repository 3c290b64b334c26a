// avi:forge:installed:app. Only records the default configuration: the app's permissions
// may not have spread yet on a big site, so Jira objects are set up later from the admin page.
import { ensureDefaultConfig } from '../../storage/app-config';

export async function installTrigger(): Promise<{ defaultsRecorded: boolean }> {
  const defaultsRecorded = await ensureDefaultConfig();
  return { defaultsRecorded };
}
