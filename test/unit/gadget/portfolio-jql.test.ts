import { LCOO_ISSUE_TYPES_CLAUSE, buildPortfolioJql, quoteJql, stripOrderBy } from '../../../src/modules/gadget/portfolio-jql';

describe('quoteJql', () => {
  it('escapes quotes and backslashes so a value cannot close the string', () => {
    expect(quoteJql('LCOO')).toBe('"LCOO"');
    expect(quoteJql('a"b')).toBe('"a\\"b"');
    expect(quoteJql('a\\" OR project = X')).toBe('"a\\\\\\" OR project = X"');
  });
});

describe('stripOrderBy', () => {
  it('drops a trailing ORDER BY in any case', () => {
    expect(stripOrderBy('project = LCOO ORDER BY created DESC')).toBe('project = LCOO');
    expect(stripOrderBy('project = LCOO order   by rank')).toBe('project = LCOO');
    expect(stripOrderBy('ORDER BY key')).toBe('');
  });
  it('keeps "order by" inside quotes and parentheses, and words that merely contain it', () => {
    expect(stripOrderBy('summary ~ "order by" AND project = A')).toBe('summary ~ "order by" AND project = A');
    expect(stripOrderBy("summary ~ 'x\\' order by y'")).toBe("summary ~ 'x\\' order by y'");
    expect(stripOrderBy('labels = borderby')).toBe('labels = borderby');
    expect(stripOrderBy('(project = A)ORDER BY key')).toBe('(project = A)');
  });
});

describe('buildPortfolioJql', () => {
  it('always restricts to the LCOO issue types, across all projects by default', () => {
    expect(buildPortfolioJql({ kind: 'projects', projectKeys: [] })).toBe(`${LCOO_ISSUE_TYPES_CLAUSE} ORDER BY key ASC`);
  });
  it('quotes project keys', () => {
    expect(buildPortfolioJql({ kind: 'projects', projectKeys: ['LCOO', 'NET'] })).toBe(
      `project in ("LCOO", "NET") AND ${LCOO_ISSUE_TYPES_CLAUSE} ORDER BY key ASC`,
    );
  });
  it('wraps a JQL filter in parentheses so its OR cannot escape the issue-type restriction', () => {
    const jql = buildPortfolioJql({ kind: 'jql', jql: 'project = A OR project = B ORDER BY created' });
    expect(jql).toBe(`(project = A OR project = B) AND ${LCOO_ISSUE_TYPES_CLAUSE} ORDER BY key ASC`);
  });
  it('narrows by status when stages are filtered (a stage is exactly one status)', () => {
    const jql = buildPortfolioJql({ kind: 'projects', projectKeys: ['LCOO'] }, { stages: ['being-vetted', 'delivered'] });
    expect(jql).toContain('status in ("Being Vetted / Groomed", "Delivered")');
  });
});
