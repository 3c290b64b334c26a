// Contract test: the app's parsing of Gerrit's Query Account answer against the examples of
// Gerrit's own REST documentation, not only against the sandbox's emulator.
// Source: Gerrit Code Review, "/accounts/ REST API", Query Account
//   https://gerrit-review.googlesource.com/Documentation/rest-api-accounts.html#query-account
//   (GerritCodeReview/gerrit, Documentation/rest-api-accounts.txt: #query-account, #suggest-account, #account-info)
// The examples keep the documented field names, types and nesting (AccountInfo: `_account_id`,
// `name`, `email`, `username`, `display_name`, `_more_accounts`). As printed, the documented
// examples are not valid JSON (a trailing comma after `"_account_id": 1000096` and after the last
// suggestion, no comma before `display_name`); they are fixed here to the JSON Gerrit sends.
import { accountQueryUrl, parseAccountList } from '../../../src/upstream/gerrit-accounts';
import { lookupOf, pickAccount } from '../../../src/domain/gerrit-people';

// `GET /accounts/?q=name:John+email:example.com&n=2`: ids only (no DETAILS), the last one with `_more_accounts`.
const QUERY_EXAMPLE = `)]}'
[
  {
    "_account_id": 1000096
  },
  {
    "_account_id": 1001439,
    "_more_accounts": true
  }
]`;

// `GET /accounts/?suggest&q=John`: account details always returned (what `o=DETAILS` adds).
const DETAILS_EXAMPLE = `)]}'
[
  {
    "_account_id": 1000096,
    "name": "John Doe",
    "email": "john.doe@example.com",
    "username": "john",
    "display_name": "John D"
  },
  {
    "_account_id": 1001439,
    "name": "John Smith",
    "email": "john.smith@example.com",
    "username": "jsmith",
    "display_name": "Johnny"
  }
]`;

describe("Gerrit's Query Account answer, as documented", () => {
  test('ids only, with _more_accounts on the last account of a page that has more', () => {
    const parsed = parseAccountList(QUERY_EXAMPLE);
    expect(parsed).toEqual({ ok: true, accounts: [{ id: 1000096 }, { id: 1001439 }], more: true });
  });

  test('with details: full name, preferred email and username of each account', () => {
    const parsed = parseAccountList(DETAILS_EXAMPLE);
    expect(parsed).toEqual({
      ok: true,
      more: false,
      accounts: [
        { id: 1000096, name: 'John Doe', email: 'john.doe@example.com', username: 'john' },
        { id: 1001439, name: 'John Smith', email: 'john.smith@example.com', username: 'jsmith' },
      ],
    });
    // "john.doe@example.com" names one of them exactly; "john" as a username too; "jo" nobody exactly.
    if (!parsed.ok) throw new Error(parsed.error);
    expect(pickAccount(lookupOf('John.Doe@example.com'), parsed.accounts)).toEqual({ kind: 'one', account: parsed.accounts[0] });
    expect(pickAccount(lookupOf('john'), parsed.accounts)).toEqual({ kind: 'one', account: parsed.accounts[0] });
    expect(pickAccount(lookupOf('john@'), parsed.accounts).kind).toBe('several');
  });

  test('an answer that is not the documented list is refused with a sentence', () => {
    expect(parseAccountList(')]}\'\n{"_account_id": 1}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a list of accounts as documented/),
    });
    expect(parseAccountList('<html>Sign in</html>')).toEqual({ ok: false, error: "Gerrit's answer to the account query is not JSON." });
    expect(parseAccountList(')]}\'\n[{"name": "no id"}]')).toMatchObject({ ok: false });
  });

  test('the query: the email: or username: operator, DETAILS and a bound on the answer', () => {
    expect(accountQueryUrl(lookupOf('Ana.Castro@Example.org'))).toBe(
      'https://review.opendev.org/accounts/?q=email%3Aana.castro%40example.org&o=DETAILS&n=5',
    );
    expect(accountQueryUrl(lookupOf('acastro'))).toBe('https://review.opendev.org/accounts/?q=username%3Aacastro&o=DETAILS&n=5');
  });
});
