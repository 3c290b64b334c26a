// Layout pieces of the admin page, styled with design tokens only (light and dark themes).
import { token } from '@atlaskit/tokens';
import type { CSSProperties, ReactNode } from 'react';

export const space = {
  xs: token('space.050', '4px'),
  s: token('space.100', '8px'),
  m: token('space.150', '12px'),
  l: token('space.200', '16px'),
  xl: token('space.300', '24px'),
};

export const color = {
  text: token('color.text', '#172B4D'),
  subtle: token('color.text.subtle', '#44546F'),
  subtlest: token('color.text.subtlest', '#626F86'),
  danger: token('color.text.danger', '#AE2E24'),
  border: token('color.border', '#091E4224'),
  surface: token('elevation.surface', '#FFFFFF'),
  sunken: token('elevation.surface.sunken', '#F7F8F9'),
};

export const font = {
  small: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, system-ui, sans-serif'),
  body: token('font.body', 'normal 400 14px/20px ui-sans-serif, system-ui, sans-serif'),
  headingS: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, system-ui, sans-serif'),
  headingM: token('font.heading.small', 'normal 653 16px/20px ui-sans-serif, system-ui, sans-serif'),
  headingL: token('font.heading.medium', 'normal 653 20px/24px ui-sans-serif, system-ui, sans-serif'),
};

export function Stack({ gap = space.s, children, style }: { gap?: string; children: ReactNode; style?: CSSProperties }) {
  return <div style={{ display: 'flex', flexDirection: 'column', gap, ...style }}>{children}</div>;
}

export function Row({ gap = space.s, children, align = 'center', style }: { gap?: string; children: ReactNode; align?: CSSProperties['alignItems']; style?: CSSProperties }) {
  return <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: align, gap, ...style }}>{children}</div>;
}

export function Section({ title, id, children, description }: { title: string; id: string; children: ReactNode; description?: string }) {
  return (
    <section aria-labelledby={id} style={{ border: `1px solid ${color.border}`, borderRadius: token('radius.large', '8px'), padding: space.l, background: color.surface }}>
      <Stack gap={space.m}>
        <div>
          <h2 id={id} style={{ font: font.headingM, color: color.text, margin: 0 }}>{title}</h2>
          {description ? <p style={{ font: font.small, color: color.subtle, margin: `${space.xs} 0 0` }}>{description}</p> : null}
        </div>
        {children}
      </Stack>
    </section>
  );
}

/** A field's error under it, tied to the input by id so screen readers read it. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div id={`${id}-error`} role="alert" style={{ font: font.small, color: color.danger }} data-testid={`error-${id}`}>
      {message}
    </div>
  );
}

export function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} style={{ font: font.small, fontWeight: 600, color: color.subtle }}>
      {children}
    </label>
  );
}
