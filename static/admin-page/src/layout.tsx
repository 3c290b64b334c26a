// The admin page's bordered section (the building blocks every app shares are in static/shared),
// styled with design tokens only (light and dark themes).
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { Stack } from '../../shared/layout';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';

export function Section({ title, id, children, description }: { title: string; id: string; children: ReactNode; description?: string }) {
  return (
    <section
      aria-labelledby={id}
      style={{
        border: `1px solid ${color.border}`,
        borderRadius: token('radius.large', '8px'),
        padding: space.l,
        background: color.surface,
      }}
    >
      <Stack gap={space.m}>
        <div>
          <h2 id={id} style={{ font: font.headingM, color: color.text, margin: 0 }}>
            {title}
          </h2>
          {description ? <p style={{ font: font.small, color: color.subtle, margin: `${space.xs} 0 0` }}>{description}</p> : null}
        </div>
        {children}
      </Stack>
    </section>
  );
}
