// "Your Gerrit account" on the upstream card (issue 14.5): the person says which account on
// review.opendev.org is theirs (email or username); the app looks it up on Gerrit and shows their
// name beside their votes. Their member company comes from their Jira groups when those say it,
// else they may pick one. It is their claim, shown as such, and never counts for a gate.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { GerritPeopleView, PanelData } from '../../../../src/contract/panel';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { FieldErrorContext } from '../field-errors';
import { fieldErrorsOf, type GerritAccountOutcome } from '../use-panel';
import { SingleSelect, TextInput } from './controls';
import { Help } from './layout';

type Submit = (payload: { account: string; company?: string } | 'remove') => Promise<GerritAccountOutcome>;

const accountText = (g: { id: number; name?: string; username?: string }) =>
  `${g.name ?? g.username ?? 'Gerrit account'}${g.name && g.username ? ` (${g.username})` : ''}, account ${g.id}`;

export function GerritAccountControl(props: { data: PanelData; view: GerritPeopleView; busy: boolean; onSubmit: Submit }) {
  const { view } = props;
  const me = view.me;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [company, setCompany] = useState('');
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [message, setMessage] = useState<{ kind: 'warning' | 'error'; text: string }>();

  // One company in the person's groups: the app knows it. None or several: they pick (several: among those).
  const decided = view.myCompanies.length === 1 ? view.myCompanies[0] : undefined;
  const choices = view.myCompanies.length > 1 ? view.myCompanies : props.data.options.companies;

  const run = async (payload: Parameters<Submit>[0]) => {
    setErrors(new Map());
    setMessage(undefined);
    const out = await props.onSubmit(payload);
    if (out.error) {
      const fields = fieldErrorsOf(out.error);
      const mapped = new Map<string, string>();
      if (fields?.['account']) mapped.set('gerrit-account', fields['account']);
      if (fields?.['company']) mapped.set('gerrit-company', fields['company']);
      setErrors(mapped);
      if (mapped.size === 0) setMessage({ kind: 'error', text: out.error.message });
      return;
    }
    if (out.problem) {
      setMessage({ kind: 'warning', text: out.problem });
      return;
    }
    setEditing(false);
    setText('');
  };

  const showForm = !me || editing;
  return (
    <section
      aria-labelledby="gerrit-account-heading"
      data-testid="gerrit-account"
      style={{ borderTop: `1px solid ${color.border}`, paddingTop: space.s }}
    >
      <Stack gap={space.s}>
        <h4 id="gerrit-account-heading" style={{ margin: 0, font: font.headingS, color: color.text }}>
          Your Gerrit account
        </h4>
        {me && !editing ? (
          <div data-testid="gerrit-account-mine" style={{ font: font.body, color: color.text }}>
            {accountText(me.gerrit)}
            {me.company
              ? ` · ${me.company.name} (${me.company.source === 'group' ? 'your company group' : 'as you stated'})`
              : ' · no member company'}
          </div>
        ) : null}
        <Help>
          {me
            ? 'Your own claim: the panel shows your name beside your votes on review.opendev.org. It never counts for a gate.'
            : 'Say which account on review.opendev.org is yours, and the panel shows your name and company beside your Code-Review votes. It is your claim: it never counts for a gate.'}
        </Help>
        {message ? (
          <SectionMessage appearance={message.kind} testId="gerrit-account-problem">
            <p>{message.text}</p>
          </SectionMessage>
        ) : null}
        {showForm ? (
          <FieldErrorContext.Provider value={errors}>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void run({ account: text, ...(decided ? {} : { company }) });
              }}
            >
              <Stack gap={space.s}>
                <Row gap={space.s} align="flex-end">
                  <div style={{ flex: '1 1 16rem', minWidth: 0 }}>
                    <TextInput
                      id="gerrit-account"
                      label="Email or Gerrit username"
                      value={text}
                      onChange={setText}
                      placeholder="you@example.com"
                      disabled={props.busy}
                    />
                  </div>
                  {decided ? null : (
                    <div style={{ flex: '1 1 12rem', minWidth: 0 }}>
                      <SingleSelect
                        id="gerrit-company"
                        label={view.myCompanies.length > 1 ? 'Your member company' : 'Your member company (if any)'}
                        value={company}
                        options={choices.map((c) => ({ value: c.id, label: c.name }))}
                        onChange={setCompany}
                        placeholder="None"
                        disabled={props.busy}
                      />
                    </div>
                  )}
                </Row>
                {decided ? <Help>{`Company: ${decided.name}, from your Jira groups.`}</Help> : null}
                <Row gap={space.s}>
                  <Button type="submit" appearance="primary" testId="gerrit-account-save" isDisabled={props.busy || text.trim() === ''}>
                    {me ? 'Save Gerrit account' : 'Map my Gerrit account'}
                  </Button>
                  {me ? (
                    <Button testId="gerrit-account-cancel" isDisabled={props.busy} onClick={() => setEditing(false)}>
                      Cancel
                    </Button>
                  ) : null}
                </Row>
              </Stack>
            </form>
          </FieldErrorContext.Provider>
        ) : (
          <Row gap={space.s}>
            <Button testId="gerrit-account-change" isDisabled={props.busy} onClick={() => setEditing(true)}>
              Change
            </Button>
            <Button testId="gerrit-account-remove" appearance="subtle" isDisabled={props.busy} onClick={() => void run('remove')}>
              Remove
            </Button>
          </Row>
        )}
      </Stack>
    </section>
  );
}
