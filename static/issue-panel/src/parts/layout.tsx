// Layout pieces only the issue panel uses (Stack, Row, Label and the tokens are in static/shared),
// styled with design tokens only, so light and dark themes both work.
import { token } from '@atlaskit/tokens';
import type { ComponentProps, ReactNode } from 'react';
import { Label } from '../../../shared/field';
import { useFieldError } from '../field-errors';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';

/**
 * A row of fields, wrapping on narrow panels. Fields share the width only inside such a row
 * (the class's rule in index.tsx): a flex-basis on a field inside a column would become its height.
 */
export function FieldRow(props: Omit<ComponentProps<typeof Row>, 'className'>) {
  return <Row {...props} className="lcoo-fields" />;
}

/** A bordered block for one part of the panel (a checklist item, the readiness box). */
export function Card({
  children,
  labelledBy,
  tone = 'neutral',
  testId,
}: {
  children: ReactNode;
  labelledBy?: string;
  tone?: 'neutral' | 'success';
  testId?: string;
}) {
  return (
    <section
      aria-labelledby={labelledBy}
      data-testid={testId}
      style={{
        border: `1px solid ${tone === 'success' ? token('color.border.success', '#22A06B') : color.border}`,
        borderRadius: token('radius.small', '4px'),
        padding: space.m,
        background: color.surface,
      }}
    >
      <Stack gap={space.s}>{children}</Stack>
    </section>
  );
}

export function Heading({ id, children, level = 3 }: { id?: string; children: ReactNode; level?: 2 | 3 | 4 }) {
  const Tag = ({ 2: 'h2', 3: 'h3', 4: 'h4' } as const)[level];
  return (
    <Tag id={id} style={{ margin: 0, font: level === 2 ? font.headingM : font.headingS, color: color.text }}>
      {children}
    </Tag>
  );
}

export function Help({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} style={{ margin: 0, font: font.small, color: color.subtlest }}>
      {children}
    </p>
  );
}

/**
 * A label above a control; `htmlFor` ties them together for screen readers and clicks. Below it:
 * what is wrong with the value (from a refused save or the live check), and how much of the
 * length limit is used.
 */
export function Field({
  id,
  label,
  help,
  count,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  count?: { length: number; max: number; always: boolean } | undefined;
  children: ReactNode;
}) {
  const error = useFieldError(id);
  const over = count !== undefined && count.length > count.max;
  const showCount = count !== undefined && (count.always ? count.length > 0 : count.length > count.max * 0.8);
  return (
    <Stack gap={space.xs} style={{ minWidth: 0 }}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} data-testid={`${id}-error`} style={{ margin: 0, font: font.small, color: color.danger }}>
          {error}
        </p>
      ) : null}
      {showCount ? (
        <p id={`${id}-count`} style={{ margin: 0, font: font.small, color: over ? color.danger : color.subtlest, textAlign: 'right' }}>
          {`${count.length.toLocaleString()} of ${count.max.toLocaleString()} characters`}
        </p>
      ) : null}
      {help ? <Help id={`${id}-help`}>{help}</Help> : null}
    </Stack>
  );
}

/** aria-describedby of a control: its error, its help. */
export function describedBy(id: string, error: string | undefined, help: string | undefined): { 'aria-describedby'?: string } {
  const ids = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean);
  return ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {};
}

/** Loading placeholder: the shape of the panel, no spinner jumping around. */
export function Skeleton() {
  const bar = (w: string, h = '12px') => (
    <div style={{ width: w, height: h, borderRadius: token('radius.small', '4px'), background: token('color.skeleton', '#091E420F') }} />
  );
  return (
    <div aria-busy="true" aria-label="Loading the LCOO record" role="status" data-testid="panel-skeleton">
      <Stack gap={space.m}>
        {bar('40%', '16px')}
        {bar('100%', '8px')}
        {[0, 1, 2].map((i) => (
          <Stack key={i} gap={space.s}>
            {bar('30%')}
            {bar('100%', '32px')}
          </Stack>
        ))}
      </Stack>
    </div>
  );
}

/** A field that takes a whole line inside a row of fields (long text beside short inputs). */
export function Wide({ children }: { children: ReactNode }) {
  return <div style={{ flex: '1 1 100%', minWidth: 0 }}>{children}</div>;
}
