// Small layout pieces styled with design tokens only, so light and dark themes both work.
import { token } from '@atlaskit/tokens';
import type { CSSProperties, ReactNode } from 'react';

export const space = {
  xs: token('space.050', '4px'),
  s: token('space.100', '8px'),
  m: token('space.150', '12px'),
  l: token('space.200', '16px'),
  xl: token('space.300', '24px'),
};

export const text = {
  normal: token('color.text', '#172B4D'),
  subtle: token('color.text.subtle', '#44546F'),
  subtlest: token('color.text.subtlest', '#626F86'),
  danger: token('color.text.danger', '#AE2E24'),
  success: token('color.text.success', '#216E4E'),
};

export const font = {
  small: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, system-ui, sans-serif'),
  body: token('font.body', 'normal 400 14px/20px ui-sans-serif, system-ui, sans-serif'),
  heading: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, system-ui, sans-serif'),
  headingM: token('font.heading.small', 'normal 653 16px/20px ui-sans-serif, system-ui, sans-serif'),
};

export function Stack({ gap = space.s, children, style }: { gap?: string; children: ReactNode; style?: CSSProperties }) {
  return <div style={{ display: 'flex', flexDirection: 'column', gap, ...style }}>{children}</div>;
}

/**
 * Side by side, wrapping on narrow panels. Fields share the width only inside a row (the
 * class's rule in index.tsx): a flex-basis on a field inside a column would become its height.
 */
export function Row({ gap = space.s, children, wrap = true, align = 'center', style, fields = false }: { gap?: string; children: ReactNode; wrap?: boolean; align?: CSSProperties['alignItems']; style?: CSSProperties; fields?: boolean }) {
  return (
    <div className={fields ? 'lcoo-fields' : undefined} style={{ display: 'flex', flexDirection: 'row', flexWrap: wrap ? 'wrap' : 'nowrap', alignItems: align, gap, ...style }}>
      {children}
    </div>
  );
}

/** A bordered block for one part of the panel (a checklist item, the readiness box). */
export function Card({ children, labelledBy, tone = 'neutral', testId }: { children: ReactNode; labelledBy?: string; tone?: 'neutral' | 'success'; testId?: string }) {
  return (
    <section
      aria-labelledby={labelledBy}
      data-testid={testId}
      style={{
        border: `1px solid ${tone === 'success' ? token('color.border.success', '#22A06B') : token('color.border', '#091E4224')}`,
        borderRadius: token('radius.small', '4px'),
        padding: space.m,
        background: token('elevation.surface', '#FFFFFF'),
      }}
    >
      <Stack gap={space.s}>{children}</Stack>
    </section>
  );
}

export function Heading({ id, children, level = 3 }: { id?: string; children: ReactNode; level?: 2 | 3 | 4 }) {
  const Tag = `h${level}` as 'h2' | 'h3' | 'h4';
  return <Tag id={id} style={{ margin: 0, font: level === 2 ? font.headingM : font.heading, color: text.normal }}>{children}</Tag>;
}

export function Help({ id, children }: { id?: string; children: ReactNode }) {
  return <p id={id} style={{ margin: 0, font: font.small, color: text.subtlest }}>{children}</p>;
}

/** A label above a control; `htmlFor` ties them together for screen readers and clicks. */
export function Field({ id, label, help, children }: { id: string; label: string; help?: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.xs, minWidth: 0 }}>
      <label htmlFor={id} style={{ font: font.small, fontWeight: 600, color: text.subtle }}>
        {label}
      </label>
      {children}
      {help ? <Help id={`${id}-help`}>{help}</Help> : null}
    </div>
  );
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
