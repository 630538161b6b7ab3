import { Text } from '@mantine/core';
import { forwardRef, type ReactNode } from 'react';
import './notice.css';

export type NoticeColor = 'green' | 'orange' | 'red' | 'blue' | 'violet';

interface Props {
  title?: string;
  color?: NoticeColor;
  children?: ReactNode;
  /** Takes the focus when asked (`ref.focus()`), e.g. after a deletion. */
  focusable?: boolean;
}

/**
 * A message said politely (`role="status"`): an outcome, a state of the
 * page. Mantine's `Alert` always renders `role="alert"`, whatever role it
 * is given, which interrupts a screen reader: it is kept for errors.
 */
export const Notice = forwardRef<HTMLDivElement, Props>(function Notice({ title, color = 'green', children, focusable }, ref) {
  return (
    <div role="status" ref={ref} tabIndex={focusable ? -1 : undefined} className="notice" data-color={color}>
      {title && (
        <Text size="sm" fw={700}>
          {title}
        </Text>
      )}
      {children !== undefined && (
        <Text size="sm" component="div">
          {children}
        </Text>
      )}
    </div>
  );
});
