// Labelled controls over Atlaskit components: every control has a visible label tied to it
// (htmlFor / inputId), so the panel works with a keyboard and a screen reader.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Select, { type CSSObjectWithLabel } from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { ReactNode } from 'react';
import type { Labelled } from '../../../../src/contract/panel';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as space from '../../../shared/space';
import { useFieldError } from '../field-errors';
import { describedBy, Field, FieldRow } from './layout';

interface Common {
  id: string;
  label: string;
  help?: string;
  disabled?: boolean;
}

/** The limits of the record's schemas (src/domain/primitives.ts: MAX_SHORT, MAX_TEXT). */
export const MAX_SHORT = 200;
export const MAX_TEXT = 2000;

export function TextInput(
  props: Common & {
    value: string;
    onChange: (v: string) => void;
    type?: 'text' | 'url' | 'date';
    placeholder?: string;
    /** The schema's limit; a counter shows when the value nears it. */
    max?: number;
  },
) {
  const error = useFieldError(props.id);
  const max = props.max ?? (props.type === 'text' || props.type === undefined ? MAX_SHORT : undefined);
  return (
    <Field
      id={props.id}
      label={props.label}
      {...(props.help ? { help: props.help } : {})}
      count={max ? { length: props.value.length, max, always: false } : undefined}
    >
      <Textfield
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.disabled ? undefined : props.placeholder}
        // Read-only rather than disabled: a viewer can still read (full contrast), select and copy.
        isReadOnly={props.disabled}
        isInvalid={error !== undefined}
        isCompact
        onChange={(e) => props.onChange((e.target as HTMLInputElement).value)}
        {...describedBy(props.id, error, props.help)}
      />
    </Field>
  );
}

/** Smart resizing only grows while typing: a stored answer opens tall enough to be read whole. */
export function estimatedRows(value: string, charsPerRow = 60): number {
  return value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / charsPerRow)), 0);
}

export function LongText(
  props: Common & { value: string; onChange: (v: string) => void; placeholder?: string; rows?: number; autoFocus?: boolean; max?: number },
) {
  const error = useFieldError(props.id);
  const max = props.max ?? MAX_TEXT;
  return (
    <Field
      id={props.id}
      label={props.label}
      {...(props.help ? { help: props.help } : {})}
      count={props.disabled ? undefined : { length: props.value.length, max, always: true }}
    >
      <TextArea
        id={props.id}
        name={props.id}
        value={props.value}
        placeholder={props.disabled ? undefined : props.placeholder}
        isReadOnly={props.disabled}
        isInvalid={error !== undefined}
        minimumRows={Math.min(8, Math.max(props.rows ?? 2, estimatedRows(props.value)))}
        autoFocus={props.autoFocus}
        resize="smart"
        onChange={(e) => props.onChange(e.target.value)}
        {...describedBy(props.id, error, props.help)}
      />
    </Field>
  );
}

type Option = { label: string; value: string };

// A disabled (read-only) select keeps its answer at full contrast: people read it, they just can't change it.
const readableWhenDisabled = {
  singleValue: (base: CSSObjectWithLabel, state: { isDisabled: boolean }): CSSObjectWithLabel =>
    state.isDisabled ? { ...base, color: color.text } : base,
  multiValueLabel: (base: CSSObjectWithLabel, state: { isDisabled: boolean }): CSSObjectWithLabel =>
    state.isDisabled ? { ...base, color: color.text } : base,
};

const optionFor = (options: readonly Labelled[], value: string): Option | null =>
  value === '' ? null : (options.find((o) => o.value === value) ?? { label: value, value });

export function SingleSelect(
  props: Common & { value: string; options: readonly Labelled[]; onChange: (v: string) => void; placeholder?: string; clearable?: boolean },
) {
  const invalid = useFieldError(props.id) !== undefined;
  return (
    <Field id={props.id} label={props.label} {...(props.help ? { help: props.help } : {})}>
      <Select<Option>
        inputId={props.id}
        name={props.id}
        spacing="compact"
        options={props.options.map((o) => ({ label: o.label, value: o.value }))}
        value={optionFor(props.options, props.value)}
        isDisabled={props.disabled}
        isInvalid={invalid}
        isClearable={(props.clearable ?? true) && !props.disabled}
        styles={readableWhenDisabled}
        placeholder={props.placeholder ?? 'Choose…'}
        onChange={(o) => props.onChange(o?.value ?? '')}
        menuPlacement="auto"
      />
    </Field>
  );
}

export function MultiSelect(
  props: Common & { values: string[]; options: readonly Labelled[]; onChange: (v: string[]) => void; placeholder?: string },
) {
  const invalid = useFieldError(props.id) !== undefined;
  return (
    <Field id={props.id} label={props.label} {...(props.help ? { help: props.help } : {})}>
      <Select<Option, true>
        inputId={props.id}
        name={props.id}
        isMulti
        spacing="compact"
        options={props.options.map((o) => ({ label: o.label, value: o.value }))}
        value={props.values.map((v) => optionFor(props.options, v)).filter((o): o is Option => o !== null)}
        styles={readableWhenDisabled}
        isDisabled={props.disabled}
        isInvalid={invalid}
        placeholder={props.placeholder ?? 'Choose…'}
        onChange={(list) => props.onChange(list.map((o) => o.value))}
        menuPlacement="auto"
      />
    </Field>
  );
}

export function Check(props: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  return (
    <Checkbox
      id={props.id}
      name={props.id}
      label={props.label}
      isChecked={props.checked}
      isDisabled={props.disabled}
      onChange={(e) => props.onChange(e.target.checked)}
    />
  );
}

/**
 * Rows of the same kind (requirements, stakeholders, Gerrit changes). Each row gets a
 * remove button that names the row, so "Remove stakeholder 2" is what a screen reader says.
 */
export function RowList<T>(props: {
  id: string;
  items: T[];
  onChange: (items: T[]) => void;
  blank: () => T;
  noun: string;
  disabled?: boolean;
  render(item: T, update: (next: T) => void, index: number): ReactNode;
}) {
  const { items, onChange } = props;
  return (
    <Stack gap={space.s}>
      {items.map((item, i) => (
        <Row
          key={i}
          align="flex-end"
          wrap={false}
          gap={space.s}
          // A rule between entries, so the fields of one change or stakeholder read as a group.
          style={i > 0 ? { borderTop: `1px solid ${color.border}`, paddingTop: space.s } : {}}
        >
          <div style={{ flex: '1 1 auto', minWidth: 0 }}>
            <FieldRow gap={space.s} align="flex-end">
              {props.render(item, (next) => onChange(items.map((x, j) => (j === i ? next : x))), i)}
            </FieldRow>
          </div>
          {props.disabled ? null : (
            <Button
              appearance="subtle"
              spacing="compact"
              onClick={() => onChange(items.filter((_, j) => j !== i))}
              aria-label={`Remove ${props.noun} ${i + 1}`}
            >
              Remove
            </Button>
          )}
        </Row>
      ))}
      {props.disabled ? null : (
        <div>
          <Button spacing="compact" onClick={() => onChange([...items, props.blank()])} testId={`${props.id}-add`}>
            {`Add ${props.noun}`}
          </Button>
        </div>
      )}
    </Stack>
  );
}
