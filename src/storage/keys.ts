// Every key the app keeps in Forge KVS, in one place: what lives where, and which keys a
// prefix query walks. Keys stay within Forge's rules (<= 500 characters of
// [a-zA-Z0-9:._\s-#]); issue ids and property keys are digits and kebab-case.
export const KVS_KEYS = {
  /** The app configuration (FSTs, member companies, role groups, gate settings). */
  config: 'lcoo:config',
  /** The admin's additions and corrections to the OpenStack release calendar (its own key: no app configuration save touches it). */
  releaseCalendar: 'lcoo:release-calendar',
  /** Jira status id -> LCOO stage, recorded by setup. */
  statusStages: 'lcoo:status-stages',
  /** The HMAC secret behind record signatures (secret store). */
  signingKey: 'lcoo:record-signing-key',
  /** One setup run at a time across the site. */
  setupLock: 'lcoo:setup-lock',
  /** The last setup run's progress for one project. */
  setupProgress: (projectKey: string) => `lcoo:setup:${projectKey}`,
  /** The latest revision (and signature) the app wrote for a record: the replay check. */
  latestRevision: (propertyKey: string, issueId: string) => `lcoo:latest:${propertyKey}:${issueId}`,
  latestRevisionPrefix: (propertyKey: string) => `lcoo:latest:${propertyKey}:`,
  /**
   * The latest signed record the app wrote, whole (a property is at most 32 KB, well under KVS's
   * 240 KiB per value): what "Restore the last version saved in the app" puts back. Not under
   * `lcoo:latest:`, which the gadget pages through in bulk.
   */
  recordCopy: (propertyKey: string, issueId: string) => `lcoo:copy:${propertyKey}:${issueId}`,
  /** One entry of a record's LCOO history per revision the app wrote (paged by revision: storage/history.ts). */
  historyEntry: (propertyKey: string, issueId: string, revision: number) => `lcoo:history:${propertyKey}:${issueId}:${revision}`,
  /** The claim on the next revision of a record: the first save to take it wins. */
  revisionClaim: (propertyKey: string, issueId: string, revision: number) => `lcoo:claim:${propertyKey}:${issueId}:${revision}`,
  /** The portfolio index's state: bucket count, generation, the settings rows were derived with, last reconcile. */
  portfolioIndex: 'lcoo:portfolio-index',
  /** The last "Rebuild the portfolio index" run's progress. */
  portfolioRebuild: 'lcoo:portfolio-rebuild',
  /** An issue whose row a save could not write: the next reconcile derives it from Jira. */
  portfolioDirty: (issueId: string) => `lcoo:portfolio-dirty:${issueId}`,
  portfolioDirtyPrefix: 'lcoo:portfolio-dirty:',
  /** A deliverable's weekly update notes (release scope tracker): how many it has and the latest, read for every row at once. */
  trackerNotesHead: (issueId: string) => `lcoo:tracker-head:${issueId}`,
  /** One weekly update note, by its number on the deliverable (1, 2, ...): the first write of a number wins. */
  trackerNote: (issueId: string, seq: number) => `lcoo:tracker-note:${issueId}:${seq}`,
  /** The scheduled upstream sync's state: per source (Gerrit, Launchpad) consecutive failures and when to try again (backoff); Launchpad collection sizes. */
  upstreamSync: 'lcoo:upstream-sync',
  /**
   * Every LCOO person's claim of their Gerrit account, keyed inside by Atlassian account id (one
   * value: a panel load asks "which of these voters is an LCOO person" with one read; issue 14.5).
   */
  gerritPeople: 'lcoo:gerrit-people',
  /** The claim on the Gerrit people's next revision: two people mapping at once never lose a write. */
  gerritPeopleClaim: (revision: number) => `lcoo:gerrit-people-claim:${revision}`,
  /** One rebuild at a time. */
  portfolioRebuildLock: 'lcoo:portfolio-rebuild-lock',
  /** The quarter's ranking: the committee's list, each FST's list and area submission, who and when (src/domain/roadmap/ranking.ts). */
  roadmapRanking: (quarter: string) => `lcoo:roadmap:ranking:${quarter}`,
  /** The claim on the ranking's next revision: the first save to take it wins. */
  roadmapRankingClaim: (quarter: string, revision: number) => `lcoo:roadmap:ranking-claim:${quarter}:${revision}`,
  /** The committee's target-release and delivery-strategy decisions of the quarter, per item, with who and when (src/domain/roadmap/decisions.ts). */
  roadmapDecisions: (quarter: string) => `lcoo:roadmap:decisions:${quarter}`,
  /** The claim on the decisions' next revision: the first save to take it wins. */
  roadmapDecisionsClaim: (quarter: string, revision: number) => `lcoo:roadmap:decisions-claim:${quarter}:${revision}`,
  /** A published roadmap version's signed summary (written once: FAIL_IF_EXISTS); the list of versions is a prefix query. */
  roadmapVersion: (id: string) => `lcoo:roadmap:version:${id}`,
  roadmapVersionPrefix: 'lcoo:roadmap:version:',
  /** One part of a version's items (a 2,000-item version is about 4 parts). */
  roadmapVersionPart: (id: string, n: number) => `lcoo:roadmap:version-part:${id}:${n}`,
} as const;
