// The choices and words the panel shows, built from the domain and the app configuration on
// the server, so the browser bundle carries neither zod nor a second copy of the domain.
import type { Labelled, PanelOptions, PanelVocabulary } from '../../contract/panel';
import type { AppConfig } from '../../domain/app-config';
import { APPROVAL_ROLES, APPROVAL_ROLE_LABELS } from '../../domain/approvals';
import { CHANGE_STATUSES, CI_RESULTS } from '../../domain/delivery';
import { OPENSTACK_PROJECTS, OPENSTACK_PROJECT_LIST, projectNotice } from '../../domain/openstack-projects';
import { releaseLabel, releasesOpenForTargeting, seriesThrough, type ReleaseCalendar } from '../../domain/releases';
import {
  ALIGNMENT_CHANNELS,
  ALIGNMENT_CHANNEL_LABELS,
  ARTIFACT_KINDS,
  CHECKLIST_ITEMS,
  DELIVERY_STREAMS,
  DELIVERY_STREAM_LABELS,
  INTERESTS,
  ITEM_TYPES,
  ITEM_TYPE_LABELS,
  SIZES,
} from '../../domain/vetting';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// The domain names these values without display labels; these are the words people read.
const ARTIFACT_KIND_LABELS: Record<(typeof ARTIFACT_KINDS)[number], string> = {
  story: 'User story',
  design: 'Design',
  code: 'Code',
  other: 'Other',
};
const INTEREST_LABELS: Record<(typeof INTERESTS)[number], string> = {
  yes: 'Interested, joining',
  no: 'Not interested',
  undecided: 'Undecided',
};
const CI_LABELS: Record<(typeof CI_RESULTS)[number], string> = { pass: 'CI passed', fail: 'CI failed', pending: 'CI pending' };

const labelled = <V extends string>(values: readonly V[], label: (v: V) => string): Labelled<V>[] =>
  values.map((value) => ({ value, label: label(value) }));

export function vocabulary(): PanelVocabulary {
  return {
    checklistItems: CHECKLIST_ITEMS.map(({ id, number, label, help }) => ({ id, number, label, help })),
    itemTypes: labelled(ITEM_TYPES, (v) => ITEM_TYPE_LABELS[v]),
    sizes: labelled(SIZES, (v) => v),
    artifactKinds: labelled(ARTIFACT_KINDS, (v) => ARTIFACT_KIND_LABELS[v]),
    alignmentChannels: labelled(ALIGNMENT_CHANNELS, (v) => ALIGNMENT_CHANNEL_LABELS[v]),
    interests: labelled(INTERESTS, (v) => INTEREST_LABELS[v]),
    deliveryStreams: labelled(DELIVERY_STREAMS, (v) => DELIVERY_STREAM_LABELS[v]),
    changeStatuses: labelled(CHANGE_STATUSES, capital),
    ciResults: labelled(CI_RESULTS, (v) => CI_LABELS[v]),
    approvalRoles: labelled(APPROVAL_ROLES, (v) => APPROVAL_ROLE_LABELS[v]),
  };
}

/** Retired projects (and Zuul, which is not an OpenStack project) with why they are not offered: a record naming one still shows it. */
const PROJECT_NOTICES: Record<string, string> = Object.fromEntries(
  OPENSTACK_PROJECT_LIST.filter((p) => p.status !== 'active').map((p) => [p.name, projectNotice(p.name) ?? p.status]),
);

export function panelOptions(config: AppConfig, calendar: ReleaseCalendar, now: Date): PanelOptions {
  return {
    fsts: config.fsts.map(({ id, name }) => ({ id, name })),
    companies: config.companies.map(({ id, name }) => ({ id, name })),
    releasesOpen: releasesOpenForTargeting(calendar, now).map((r) => ({
      id: r.id,
      label: releaseLabel(r),
      firstReleaseDate: r.firstReleaseDate,
      estimated: r.estimated === true,
      milestones: r.milestones.map((m) => ({ label: m.label, date: m.date, estimated: m.estimated === true })),
    })),
    releaseLabels: Object.fromEntries(seriesThrough(calendar, now).map((r) => [r.id, releaseLabel(r)])),
    projects: [...OPENSTACK_PROJECTS],
    projectNotices: PROJECT_NOTICES,
    vocabulary: vocabulary(),
  };
}
