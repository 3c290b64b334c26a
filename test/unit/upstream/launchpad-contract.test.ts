// Contract tests: the app's Launchpad parsing against a Specification entry as Launchpad's web
// service documents it, not only against the sandbox's emulator.
// Sources: the exported fields of ISpecificationView (`exported(..., as_of="devel")`: name, title,
// summary, definition_status, implementation_status, lifecycle_status, priority, target, milestone,
// date_created, ...) in Launchpad's lib/lp/blueprints/interfaces/specification.py, their values'
// titles in lib/lp/blueprints/enums.py (SpecificationDefinitionStatus, SpecificationImplementationStatus),
// and lazr.restful's JSON representation of an entry (self_link, web_link, resource_type_link,
// http_etag; a reference field `x` as `x_link`, null when unset), as the API reference at
// https://api.launchpad.net/devel.html#specification presents them. No literal JSON example of a
// specification was found in Launchpad's documentation: the example below is built from those
// definitions field by field (docs/platform-facts.md).
import { blueprintLacks } from '../../../src/domain/upstream';
import { parseSpecification, readBlueprint, type SpecificationEntry } from '../../../src/upstream/launchpad';
import { UpstreamError } from '../../../src/upstream/gerrit-client';

const DOCUMENTED: SpecificationEntry & Record<string, unknown> = {
  self_link: 'https://api.launchpad.net/devel/nova/+spec/example-feature',
  web_link: 'https://blueprints.launchpad.net/nova/+spec/example-feature',
  resource_type_link: 'https://api.launchpad.net/devel/#specification',
  http_etag: '"0123456789abcdef-0123456789abcdef"',
  name: 'example-feature',
  title: 'An example feature',
  summary: 'A single-paragraph description of the feature.',
  specification_url: null,
  definition_status: 'Pending Approval',
  implementation_status: 'Not started',
  lifecycle_status: 'Not started',
  priority: 'Medium',
  direction_approved: false,
  is_complete: false,
  is_started: false,
  has_accepted_goal: false,
  whiteboard: null,
  workitems_text: '',
  date_created: '2024-01-15T10:20:30.123456+00:00',
  date_started: null,
  date_completed: null,
  information_type: 'Public',
  target_link: 'https://api.launchpad.net/devel/nova',
  milestone_link: 'https://api.launchpad.net/devel/nova/+milestone/2025.1-rc1',
  owner_link: 'https://api.launchpad.net/devel/~someone',
  assignee_link: null,
  drafter_link: null,
  approver_link: null,
  starter_link: null,
  completer_link: null,
  dependencies_collection_link: 'https://api.launchpad.net/devel/nova/+spec/example-feature/dependencies',
  linked_branches_collection_link: 'https://api.launchpad.net/devel/nova/+spec/example-feature/linked_branches',
};

describe('Launchpad Specification entry (contract)', () => {
  test('the documented entry parses to the evidence the gate reads', () => {
    const parsed = parseSpecification(JSON.stringify(DOCUMENTED));
    expect(parsed).toEqual({
      ok: true,
      value: {
        project: 'nova',
        name: 'example-feature',
        title: 'An example feature',
        definitionStatus: 'Pending Approval',
        implementationStatus: 'Not started',
        milestone: '2025.1-rc1',
        webLink: 'https://blueprints.launchpad.net/nova/+spec/example-feature',
      },
    });
  });

  test('an unset milestone (null link) and a status Launchpad may add later still read; only "Approved" passes', () => {
    const parsed = parseSpecification(JSON.stringify({ ...DOCUMENTED, milestone_link: null, definition_status: 'Some New State' }));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.milestone).toBeUndefined();
    const evidence = { source: 'launchpad' as const, fetchedAt: '2026-01-01T00:00:00.000Z', blueprint: parsed.value };
    expect(blueprintLacks(evidence, { project: 'nova', name: 'example-feature' })).toBe(
      'the blueprint nova/example-feature is "Some New State" on Launchpad, needs "Approved"',
    );
    const approved = parseSpecification(JSON.stringify({ ...DOCUMENTED, definition_status: 'Approved' }));
    if (!approved.ok) throw new Error(approved.error);
    expect(blueprintLacks({ ...evidence, blueprint: approved.value }, { project: 'nova', name: 'example-feature' })).toBeUndefined();
  });

  test('an answer without definition_status is refused with a sentence, not taken as "not approved"', () => {
    const { definition_status: _d, ...rest } = DOCUMENTED;
    const parsed = parseSpecification(JSON.stringify(rest));
    expect(parsed).toMatchObject({ ok: false, error: expect.stringContaining('definition_status') as unknown });
    expect(parseSpecification('<html>')).toEqual({ ok: false, error: "Launchpad's answer for the blueprint is not JSON." });
  });

  test('the client asks the devel entry, reads 404 as "not found" and a 503 as an UpstreamError', async () => {
    const asked: string[] = [];
    const answer = (status: number, body: string) => async (url: string) => {
      asked.push(url);
      return { status, text: async () => body };
    };
    const ref = { project: 'nova', name: 'example-feature' };
    expect(await readBlueprint(ref, { fetch: answer(200, JSON.stringify(DOCUMENTED)) })).toMatchObject({
      found: true,
      blueprint: { definitionStatus: 'Pending Approval' },
    });
    expect(asked[0]).toBe('https://api.launchpad.net/devel/nova/+spec/example-feature');
    expect(await readBlueprint(ref, { fetch: answer(404, "Object: <Product 'nova'>, name: 'x'") })).toEqual({ found: false });
    await expect(readBlueprint(ref, { fetch: answer(503, 'Service Unavailable') })).rejects.toThrow(
      new UpstreamError('Launchpad answered 503: Service Unavailable.', 'status', 503),
    );
  });
});
