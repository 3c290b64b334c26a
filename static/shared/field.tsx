// The text around a form control, styled alike in every Custom UI app.
import type { ReactNode } from 'react';
import * as color from './color';
import * as font from './font';

export function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} style={{ font: font.small, fontWeight: 600, color: color.subtle }}>
      {children}
    </label>
  );
}

/** A field's error under it, tied to the input by id (`<id>-error`) so screen readers read it. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div id={`${id}-error`} role="alert" style={{ font: font.small, color: color.danger }} data-testid={`error-${id}`}>
      {message}
    </div>
  );
}
