// Contract tests: the app's Gerrit parsing against the examples of Gerrit's own REST
// documentation, not only against the sandbox's emulator.
// Source: Gerrit Code Review, "/changes/ REST API"
//   https://gerrit-review.googlesource.com/Documentation/rest-api-changes.html
//   (GerritCodeReview/gerrit, Documentation/rest-api-changes.txt: #list-changes and #get-change-detail)
// The examples below keep the documented field names, types and nesting (ChangeInfo, LabelInfo,
// ApprovalInfo, AccountInfo); the documented Get Change Detail example lacks a comma after the
// Code-Review `all` list, which is fixed here so it parses as the JSON Gerrit actually sends.
import { ChangeInfoSchema, ChangeListSchema, parseGerritJson, stripXssi, toUpstreamChange } from '../../../src/upstream/gerrit-wire';
import { codeReviewApprovers } from '../../../src/domain/upstream';

// Query Changes, `GET /changes/?q=status:open+is:watched&n=2`: two changes, the last one with `_more_changes`.
const QUERY_EXAMPLE = `)]}'
[
  {
    "id": "demo~master~Idaf5e098d70898b7119f6f4af5a6c13343d64b57",
    "project": "demo",
    "branch": "master",
    "change_id": "Idaf5e098d70898b7119f6f4af5a6c13343d64b57",
    "subject": "One change",
    "status": "NEW",
    "created": "2012-07-17 07:18:30.854000000",
    "updated": "2012-07-17 07:19:27.766000000",
    "mergeable": true,
    "insertions": 26,
    "deletions": 10,
    "_number": 1756,
    "owner": { "name": "John Doe" }
  },
  {
    "id": "demo~master~I09c8041b5867d5b33170316e2abc34b79bbb8501",
    "project": "demo",
    "branch": "master",
    "change_id": "I09c8041b5867d5b33170316e2abc34b79bbb8501",
    "subject": "Another change",
    "status": "NEW",
    "created": "2012-07-17 07:18:30.884000000",
    "updated": "2012-07-17 07:18:30.885000000",
    "mergeable": true,
    "insertions": 12,
    "deletions": 18,
    "_number": 1757,
    "owner": { "name": "John Doe" },
    "_more_changes": true
  }
]
`;

// Get Change Detail, `GET /changes/myProject~master~I8473b95934b5732ac55d26311a706c9c2bde9940/detail`.
const DETAIL_EXAMPLE = `)]}'
{
  "id": "myProject~master~I8473b95934b5732ac55d26311a706c9c2bde9940",
  "project": "myProject",
  "branch": "master",
  "change_id": "I8473b95934b5732ac55d26311a706c9c2bde9940",
  "subject": "Implementing Feature X",
  "status": "NEW",
  "created": "2013-02-01 09:59:32.126000000",
  "updated": "2013-02-21 11:16:36.775000000",
  "mergeable": true,
  "insertions": 126,
  "deletions": 11,
  "_number": 3965,
  "owner": { "_account_id": 1000096, "name": "John Doe", "email": "john.doe@example.com", "username": "jdoe" },
  "labels": {
    "Verified": {
      "all": [
        { "value": 0, "_account_id": 1000096, "name": "John Doe", "email": "john.doe@example.com", "username": "jdoe" },
        { "value": 0, "_account_id": 1000097, "name": "Jane Roe", "email": "jane.roe@example.com", "username": "jroe" }
      ],
      "values": { "-1": "Fails", " 0": "No score", "+1": "Verified" }
    },
    "Code-Review": {
      "disliked": { "_account_id": 1000096, "name": "John Doe", "email": "john.doe@example.com", "username": "jdoe" },
      "all": [
        { "value": -1, "_account_id": 1000096, "name": "John Doe", "email": "john.doe@example.com", "username": "jdoe" },
        { "value": 1, "_account_id": 1000097, "name": "Jane Roe", "email": "jane.roe@example.com", "username": "jroe" }
      ],
      "values": {
        "-2": "This shall not be merged",
        "-1": "I would prefer this is not merged as is",
        " 0": "No score",
        "+1": "Looks good to me, but someone else must approve",
        "+2": "Looks good to me, approved"
      }
    }
  },
  "permitted_labels": { "Verified": ["-1", " 0", "+1"], "Code-Review": ["-2", "-1", " 0", "+1", "+2"] },
  "removable_reviewers": [],
  "messages": []
}
`;

describe("Gerrit's documented answers", () => {
  it("strips the )]}' line Gerrit puts before every JSON answer", () => {
    expect(stripXssi(")]}'\n[]")).toBe('\n[]');
    expect(JSON.parse(stripXssi(QUERY_EXAMPLE))).toHaveLength(2);
  });

  it('reads the Query Changes example, with _more_changes on the last change', () => {
    const parsed = parseGerritJson(QUERY_EXAMPLE, ChangeListSchema, 'the query');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.map((c) => c._number)).toEqual([1756, 1757]);
    expect(parsed.value[1]?._more_changes).toBe(true);
    expect(toUpstreamChange(parsed.value[0]!)).toEqual({
      number: 1756,
      project: 'demo',
      branch: 'master',
      status: 'NEW',
      subject: 'One change',
      votes: [],
    });
  });

  it('reads the Get Change Detail example: LabelInfo.all as votes by account id, zero votes left out', () => {
    const parsed = parseGerritJson(DETAIL_EXAMPLE, ChangeInfoSchema, 'the change');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const change = toUpstreamChange(parsed.value);
    expect(change.votes).toEqual([
      { label: 'Code-Review', by: { id: 1000096, name: 'John Doe', username: 'jdoe' }, value: -1 },
      { label: 'Code-Review', by: { id: 1000097, name: 'Jane Roe', username: 'jroe' }, value: 1 },
    ]);
    expect(codeReviewApprovers(change)).toEqual([]);
  });

  it('says in words when an answer is not what Gerrit documents', () => {
    const bad = parseGerritJson(')]}\'\n[{"id":"x"}]', ChangeListSchema, 'the change query');
    expect(bad).toEqual({ ok: false, error: expect.stringContaining("Gerrit's answer to the change query is not") as unknown });
    expect(parseGerritJson('<html>', ChangeListSchema, 'the change query')).toEqual({
      ok: false,
      error: "Gerrit's answer to the change query is not JSON.",
    });
  });
});
