import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * An outcome announced politely (`role="status"`), drawn like a light
 * Mantine alert: Mantine's `Alert` always sets `role="alert"`, which a
 * screen reader interrupts the user for, and announces again when a kept
 * result is shown on opening the page.
 */
export function StatusNote({ color, title, children }: { color: 'green' | 'red'; title?: string; children: ReactNode }) {
  return (
    <Box role="status" className="models-status" data-color={color}>
      {title && (
        <Text fw={700} size="sm" className="models-status-title">
          {title}
        </Text>
      )}
      <Text size="sm">{children}</Text>
    </Box>
  );
}
