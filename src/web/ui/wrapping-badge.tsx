/** A badge whose text wraps onto a second line in a narrow column instead of being cut off with "…". */
import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

export function WrappingBadge({ children, title, ...props }: BadgeProps & { children: ReactNode; title?: string }) {
  return (
    <Badge tt="none" h="auto" maw="100%" py={2} title={title} styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }} {...props}>
      {children}
    </Badge>
  );
}
