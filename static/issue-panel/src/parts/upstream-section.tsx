// Evidence from upstream (issue 14): what Gerrit says about each linked change, read-only, with
// where and when it came from ("from Gerrit, 12 minutes ago"), beside what people entered
// ("entered by <name>"), and "Refresh from upstream". A Gerrit that can't be reached never
// blocks the panel: the last evidence stays, marked stale, with the reason.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { ComponentProps } from 'react';
import type { PanelData } from '../../../../src/contract/panel';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { savedLabel } from '../draft';
import { coresOf, provenance, voteSummary } from '../upstream-words';
import { Card, Heading, Help } from './layout';
import { GerritAccountControl } from './gerrit-account';

export function UpstreamSection(props: {
  data: PanelData;
  busy: boolean;
  dirty: boolean;
  onRefresh: () => void;
  onGerritAccount: ComponentProps<typeof GerritAccountControl>['onSubmit'];
}) {
  const { data } = props;
  const people = data.gerritPeople;
  const coresByNumber = new Map((people?.cores ?? []).map((c) => [c.number, c.cores]));
  const record = data.delivery?.data;
  const linked = record?.changes ?? [];
  const evidence = record?.upstream?.gerrit;
  const byNumber = new Map((evidence?.changes ?? []).map((c) => [c.number, c]));
  const gerritOnly = data.codeCommittedFrom === 'gerrit';
  const canRefresh =
    data.permissions.canEdit &&
    data.delivery?.integrity === 'valid' &&
    (linked.length > 0 || !!record?.specification || !!record?.blueprint || evidence !== undefined);
  const enteredBy = (by: string, at: string) =>
    `entered by ${by === data.delivery?.updatedBy && data.delivery.updatedByName ? data.delivery.updatedByName : 'a panel user'}, ${savedLabel(at) ?? at}`;
  return (
    <Card labelledBy="upstream-heading" testId="upstream-evidence">
      <Heading id="upstream-heading">Evidence from upstream</Heading>
      <Help>
        {gerritOnly
          ? 'Code Committed is decided by what Gerrit says (admin setting "from Gerrit only"): the status and CI entered below no longer count.'
          : 'Read from Gerrit for reference; Code Committed is decided by what is entered in this panel (admin setting).'}
      </Help>
      {data.upstreamProblem ? (
        <SectionMessage appearance="warning" testId="upstream-problem">
          <p>{data.upstreamProblem}</p>
        </SectionMessage>
      ) : null}
      {linked.length === 0 ? <Help>No Gerrit change is linked yet.</Help> : null}
      <Stack gap={space.s}>
        {linked.map((c) => {
          const g = byNumber.get(c.number);
          const notFound = evidence?.notFound?.includes(c.number);
          return (
            <div key={c.number} data-testid={`upstream-change-${c.number}`} style={{ font: font.body, color: color.text }}>
              <strong>{`Change ${c.number}`}</strong>
              {g ? (
                <>
                  <div data-testid={`upstream-gerrit-${c.number}`}>{`${voteSummary(g)} — ${g.project} (${g.branch})`}</div>
                  <CoresLine number={c.number} cores={coresByNumber.get(c.number)} fallback={coresOf(g)} />
                  <div
                    data-testid={`upstream-provenance-${c.number}`}
                    style={{ font: font.small, color: evidence?.stale ? color.warning : color.subtlest }}
                  >
                    {provenance(evidence!)}
                  </div>
                </>
              ) : (
                <div style={{ font: font.small, color: color.subtlest }}>
                  {notFound ? 'Gerrit does not know this change (check the number).' : 'Not read from Gerrit yet.'}
                </div>
              )}
              <div
                style={{ font: font.small, color: color.subtlest }}
              >{`Panel: ${c.status}, CI ${c.ci} — ${enteredBy(c.recordedBy, c.recordedAt)}`}</div>
            </div>
          );
        })}
      </Stack>
      {people?.sentence ? (
        <div data-testid="upstream-cores-sentence" style={{ font: font.body, color: color.text }}>
          <strong>{`${people.sentence}.`}</strong>
          <div style={{ font: font.small, color: color.subtlest }}>
            Who a core is in LCOO comes from their own claim of their Gerrit account; it never counts for a gate.
          </div>
        </div>
      ) : null}
      {people?.problem ? <Help>{people.problem}</Help> : null}
      {record?.blueprint ? <BlueprintLine data={data} /> : null}
      {record?.specification ? <SpecLine data={data} /> : null}
      {canRefresh ? (
        <Row gap={space.s}>
          <Button testId="upstream-refresh" isDisabled={props.busy || props.dirty} onClick={props.onRefresh}>
            Refresh from upstream
          </Button>
          {props.dirty ? <Help>Save or discard your changes first.</Help> : null}
        </Row>
      ) : null}
      {people ? <GerritAccountControl data={data} view={people} busy={props.busy} onSubmit={props.onGerritAccount} /> : null}
    </Card>
  );
}

type Core = NonNullable<PanelData['gerritPeople']>['cores'][number]['cores'][number];

/** The cores who gave Code-Review +2 on one change: Gerrit's name, and the LCOO person who says the account is theirs. */
function CoresLine({ number, cores, fallback }: { number: number; cores: Core[] | undefined; fallback: string[] }) {
  if (!cores) {
    return fallback.length ? <div style={{ font: font.small, color: color.subtle }}>{`Code-Review +2: ${fallback.join(', ')}`}</div> : null;
  }
  if (cores.length === 0) return null;
  return (
    <div data-testid={`upstream-cores-${number}`} style={{ font: font.small, color: color.subtle }}>
      <span>Code-Review +2:</span>
      <ul style={{ margin: 0, paddingInlineStart: space.l }}>
        {cores.map((v) => (
          <li key={v.gerrit.id} data-testid={`upstream-core-${number}-${v.gerrit.id}`}>
            {v.gerrit.name ?? v.gerrit.username ?? `account ${v.gerrit.id}`}
            {v.gerrit.name && v.gerrit.username ? ` (${v.gerrit.username})` : ''}
            {v.person ? (
              <span style={{ color: color.text }}>
                {` — ${v.person.displayName ?? 'an LCOO person'}${v.person.company ? `, ${v.person.company.name}` : ', no member company'}`}
                <span style={{ color: color.subtlest }}>{' (their claim)'}</span>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The specification review as Gerrit last said (the change whose number the review link names). */
function SpecLine({ data }: { data: PanelData }) {
  const record = data.delivery?.data;
  const url = record?.specification?.reviewUrl ?? '';
  const evidence = record?.upstream?.gerrit;
  const spec = evidence?.changes.find((c) => new RegExp(`[/+]${c.number}(/|$)`).test(url));
  return (
    <div data-testid="upstream-spec" style={{ font: font.body, color: color.text }}>
      <strong>Specification review</strong>
      {spec && evidence ? (
        <>
          <div>{`Change ${spec.number}: ${spec.status} in ${spec.project}`}</div>
          <div style={{ font: font.small, color: evidence.stale ? color.warning : color.subtlest }}>{provenance(evidence)}</div>
        </>
      ) : (
        <div style={{ font: font.small, color: color.subtlest }}>Not read from Gerrit yet.</div>
      )}
      <div style={{ font: font.small, color: color.subtlest }}>
        {data.specAcceptedFrom === 'gerrit'
          ? 'Specification Accepted is decided by the merge in Gerrit (admin setting).'
          : `Panel: ${record?.specification?.approved ? 'approved' : 'not approved'} (the box above decides Specification Accepted).`}
      </div>
    </div>
  );
}

/** The blueprint as Launchpad last said (definition and implementation status, targets). */
function BlueprintLine({ data }: { data: PanelData }) {
  const record = data.delivery?.data;
  const evidence = record?.upstream?.launchpad;
  const bp = evidence?.blueprint;
  return (
    <div data-testid="upstream-blueprint" style={{ font: font.body, color: color.text }}>
      <strong>Blueprint</strong>
      {bp && evidence ? (
        <>
          <div>{`${bp.project}/${bp.name}: ${bp.definitionStatus}${bp.implementationStatus ? `, implementation ${bp.implementationStatus}` : ''}`}</div>
          {bp.series || bp.milestone ? (
            <div style={{ font: font.small, color: color.subtle }}>
              {[bp.series ? `series ${bp.series}` : '', bp.milestone ? `milestone ${bp.milestone}` : ''].filter(Boolean).join(', ')}
            </div>
          ) : null}
          <div
            data-testid="upstream-blueprint-provenance"
            style={{ font: font.small, color: evidence.stale ? color.warning : color.subtlest }}
          >
            {provenance(evidence, new Date(), 'Launchpad')}
          </div>
        </>
      ) : (
        <div style={{ font: font.small, color: color.subtlest }}>
          {evidence?.notFound ? 'Launchpad does not know this blueprint (check the link).' : 'Not read from Launchpad yet.'}
        </div>
      )}
      <div style={{ font: font.small, color: color.subtlest }}>
        {data.blueprintAcceptedFrom === 'launchpad'
          ? 'Blueprint Accepted needs this blueprint "Approved" on Launchpad (admin setting).'
          : 'For reference: Blueprint Accepted reads what is recorded in this panel (admin setting).'}
      </div>
    </div>
  );
}
