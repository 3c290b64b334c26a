// A Jira REST call made for a page, as the signed-in user (in-process, through the emulator).
import type { JiraReply } from '../../host/jira-port';

export type JiraCall = (method: string, path: string, body?: unknown) => Promise<JiraReply>;
