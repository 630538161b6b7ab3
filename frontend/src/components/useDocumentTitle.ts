import { useEffect } from 'react';

/** Each page says where the person is (RGAA 8.6). */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} — Relais`;
  }, [title]);
}
