import { Text } from '@mantine/core';
import { forwardRef, type ReactNode } from 'react';

/**
 * A success said politely (`role="status"`). Mantine's `Alert` always
 * renders `role="alert"`, whatever role it is given, which would interrupt a
 * screen reader for good news.
 */
export const Notice = forwardRef<HTMLDivElement, { title?: string; children: ReactNode; focusable?: boolean }>(function Notice({ title, children, focusable }, ref) {
  return (
    <div role="status" ref={ref} tabIndex={focusable ? -1 : undefined} className="exchanges-notice">
      {title && (
        <Text size="sm" fw={700}>
          {title}
        </Text>
      )}
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
});
