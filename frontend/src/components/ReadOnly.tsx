import { createContext, useContext } from 'react';

/**
 * Whether the signed-in person only reads bases (the helpdesk, issue 17):
 * the pages of a base then show no edit control (the API refuses the
 * changes anyway). Provided once by the layout, from the person's role;
 * read-only until the role is known, so no control flashes.
 */
const ReadOnlyContext = createContext(false);

export const ReadOnlyProvider = ReadOnlyContext.Provider;

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
