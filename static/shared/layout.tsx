// Flex building blocks the Custom UI apps lay out with (inline styles, so no stylesheet to ship).
import type { CSSProperties, ReactNode } from 'react';
import * as space from './space';

export function Stack({ gap = space.s, children, style }: { gap?: string; children: ReactNode; style?: CSSProperties }) {
  return <div style={{ display: 'flex', flexDirection: 'column', gap, ...style }}>{children}</div>;
}

/** Side by side, wrapping on narrow frames unless `wrap` is off. */
export function Row({
  gap = space.s,
  children,
  wrap = true,
  align = 'center',
  style,
  className,
  testId,
}: {
  gap?: string;
  children: ReactNode;
  wrap?: boolean;
  align?: CSSProperties['alignItems'];
  style?: CSSProperties;
  className?: string;
  testId?: string;
}) {
  return (
    <div
      className={className}
      data-testid={testId}
      style={{ display: 'flex', flexWrap: wrap ? 'wrap' : 'nowrap', alignItems: align, gap, ...style }}
    >
      {children}
    </div>
  );
}
