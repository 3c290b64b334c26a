// What the host and the pages use of the Jira emulator (sandbox/jira): its published
// interface, under the names the host code uses.
export type {
  EmulatorHooks as JiraHooks,
  EmulatorRequest as JiraRequest,
  EmulatorResponse as JiraReply,
  ForgeValidatorCall as ValidatorHookArgs,
  IssueEvent as IssueEventArgs,
  JiraEmulator as JiraEmulatorPort,
  Principal,
  SeedUser,
} from '../jira/types';
