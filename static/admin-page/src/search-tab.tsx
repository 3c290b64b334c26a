// "Search (JQL)": every LCOO alias people can use in Jira's search, what it holds, queries to
// copy, and the values valid on this site today (from the configuration and the release calendar).
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import type { AliasValue, SearchAliasesView } from '../../../src/contract/search';
import { whileLoading } from '../../shared/busy';
import { Stack } from '../../shared/layout';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';
import { call, isCallError } from './call';
import { Section } from './layout';

const cellStyle = {
  textAlign: 'left' as const,
  verticalAlign: 'top' as const,
  padding: `${space.s} ${space.m}`,
  borderBottom: `1px solid ${color.border}`,
};
const code = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
  fontSize: 12,
  background: color.sunken,
  padding: '1px 4px',
  borderRadius: 3,
};

function Values({ values }: { values: AliasValue[] }) {
  return (
    <ul style={{ margin: `${space.xs} 0 0`, paddingLeft: space.l, font: font.small }}>
      {values.map((v) => (
        <li key={v.shown}>
          <span style={code}>{v.shown}</span>
          {v.also.length > 0 ? (
            <span style={{ color: color.subtle }}>
              {' '}
              or{' '}
              {v.also.map((a, i) => (
                <span key={a}>
                  {i > 0 ? ', ' : ''}
                  <span style={code}>{a}</span>
                </span>
              ))}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function SearchTab() {
  const [view, setView] = useState<SearchAliasesView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    whileLoading(call('search/aliases', {}))
      .then(setView)
      .catch((err: unknown) => setError(isCallError(err) ? err.message : 'The search aliases could not be loaded. Reload the page.'));
  }, []);

  return (
    <Section
      title="Search (JQL)"
      id="search-aliases-title"
      description="Fields the LCOO app adds to Jira's search: type them in the issue search (advanced), a filter or the gadget's JQL."
    >
      <Stack gap={space.m}>
        {error ? (
          <SectionMessage appearance="error" testId="search-aliases-error">
            <p>{error}</p>
          </SectionMessage>
        ) : null}
        {view ? (
          <>
            <p style={{ margin: 0, font: font.body, color: color.text }} data-testid="search-rule">
              {view.rule}
            </p>
            <div style={{ overflowX: 'auto' }}>
              <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body }} data-testid="search-aliases">
                <caption style={{ textAlign: 'left', font: font.small, color: color.subtle, paddingBottom: space.s }}>
                  {view.aliases.length} aliases, with the values valid on this site today
                </caption>
                <thead>
                  <tr>
                    <th scope="col" style={cellStyle}>
                      Alias
                    </th>
                    <th scope="col" style={cellStyle}>
                      What it holds
                    </th>
                    <th scope="col" style={cellStyle}>
                      Values
                    </th>
                    <th scope="col" style={cellStyle}>
                      Example queries
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.aliases.map((a) => (
                    <tr key={a.alias} data-alias={a.alias}>
                      <th scope="row" style={{ ...cellStyle, whiteSpace: 'nowrap' }}>
                        <span style={code}>{a.alias}</span>
                        <div style={{ font: font.small, color: color.subtle, fontWeight: 'normal' }}>{a.on}</div>
                      </th>
                      <td style={cellStyle}>{a.meaning}</td>
                      <td style={cellStyle}>
                        <span style={{ font: font.small }}>{a.valuesHelp}</span>
                        {a.values ? <Values values={a.values} /> : null}
                      </td>
                      <td style={cellStyle}>
                        <Stack gap={space.xs}>
                          {a.examples.map((e) => (
                            <span key={e} style={{ ...code, whiteSpace: 'nowrap' }}>
                              {e}
                            </span>
                          ))}
                        </Stack>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </Stack>
    </Section>
  );
}
