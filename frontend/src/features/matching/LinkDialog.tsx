import { Button, Group, Modal, Select, Stack, Text, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { MatchingRowsQuery as RowsResult } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { compareFrench, count, formatDate, searchKey } from '@/lib/format';
import { request } from '@/lib/graphql';
import { LinkAccounts } from './api';

export type PronoteUserRow = RowsResult['matchingRows'][number]['pronoteUser'];
export type EntAccountChoice = RowsResult['unmatchedEntAccounts'][number];

/** Every word typed is in the option, accents and case ignored. */
const filter: OptionsFilter = ({ options, search, limit }) => {
  const words = searchKey(search).split(/\s+/).filter(Boolean);
  const found: ComboboxItem[] = [];
  for (const option of options) {
    if (!('value' in option)) continue;
    const key = searchKey(option.label);
    if (words.every((w) => key.includes(w))) found.push(option);
    if (found.length >= limit) break;
  }
  return found;
};

function describe(account: EntAccountChoice): string {
  const born = account.birthDate ? `, né(e) le ${formatDate(account.birthDate)}` : '';
  return `${account.lastName} ${account.firstName}${born} — ${account.entId}`;
}

interface Props {
  baseId: string;
  user: PronoteUserRow;
  accounts: EntAccountChoice[];
  onClose: () => void;
  onLinked: (message: string) => void;
}

/**
 * Manual link (« Lier à un compte ENT »): a search among the ENT accounts of
 * the population that no link holds yet. A dialog: Escape or « Annuler »
 * closes it and gives the focus back to the row's button.
 */
export function LinkDialog({ baseId, user, accounts, onClose, onLinked }: Props) {
  const name = `${user.lastName} ${user.firstName}`;
  const [entId, setEntId] = useState<string | null>(null);
  // The accounts of the same name (and birth date) first, the likely ones,
  // then the others in French alphabetical order.
  const options = useMemo(() => {
    const last = searchKey(user.lastName);
    const first = searchKey(user.firstName);
    const closeness = (a: EntAccountChoice) =>
      (searchKey(a.lastName) === last ? 0 : 4) + (searchKey(a.firstName) === first ? 0 : 2) + (a.birthDate && a.birthDate === user.birthDate ? 0 : 1);
    return [...accounts]
      .sort((a, b) => closeness(a) - closeness(b) || compareFrench(a.lastName, b.lastName) || compareFrench(a.firstName, b.firstName))
      .map((a) => ({ value: a.entId, label: describe(a) }));
  }, [accounts, user.lastName, user.firstName, user.birthDate]);
  const link = useMutation({
    mutationFn: (chosen: string) => request(LinkAccounts, { baseId, pronoteId: user.pronoteId, entId: chosen }),
    onSuccess: (_, chosen) => {
      const account = accounts.find((a) => a.entId === chosen);
      onLinked(`${name} est lié(e) au compte ENT ${account ? `${account.lastName} ${account.firstName} (${chosen})` : chosen}.`);
    },
  });
  return (
    // lockScroll off: react-remove-scroll injects a <style> element, which
    // the console's Content-Security-Policy refuses. The focus goes back to
    // the opening button through the parent (mounted open, Mantine's own
    // return would not know it).
    <Modal opened onClose={onClose} title={`Lier ${name} à un compte ENT`} lockScroll={false} size="lg" closeButtonProps={{ 'aria-label': 'Fermer' }} returnFocus={false}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (entId) link.mutate(entId);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Utilisateur PRONOTE {user.pronoteId}
            {user.birthDate ? `, né(e) le ${formatDate(user.birthDate)}` : ''}.
          </Text>
          <Select
            label="Compte ENT non rapproché"
            description={`${count(accounts.length, 'compte ENT sans liaison', 'comptes ENT sans liaison')} dans cette population : tapez un nom, un prénom ou un identifiant.`}
            placeholder="Rechercher un compte ENT"
            searchable
            data={options}
            filter={filter}
            // Ten at most, the likely ones first: typing narrows them. The
            // list never scrolls (a scrolled list of options is a region
            // the keyboard cannot reach: focus stays in the field).
            limit={10}
            withScrollArea={false}
            value={entId}
            onChange={setEntId}
            nothingFoundMessage="Aucun compte ENT non rapproché ne correspond."
            data-autofocus
          />
          {link.error && (
            <Text c="red.9" role="alert">
              {messageOf(link.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" disabled={!entId} loading={link.isPending}>
              Lier
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
