import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Notice } from '@/components/Notice';
import { QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { EstablishmentStatus, ManagedEstablishmentQuery as Result } from '@/gql/graphql';
import { fieldErrors, messageOf } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { AdministratorsSection } from './AdministratorsSection';
import { ManagedEstablishmentQuery, UpdateManagedEstablishmentMutation } from './api';
import { EstablishmentFields, FIELD_NAMES, inputOf, type FieldValues } from './EstablishmentFields';
import { StatusBadge } from './EstablishmentsAdminPage';

type Establishment = Result['establishment'];

function valuesOf(e: Establishment): FieldValues {
  return { name: e.name, kind: e.kind, commune: e.commune ?? '', postalCode: e.postalCode ?? '', academy: e.academy ?? '' };
}

/** An establishment's page for the operator: edit it, close or reopen it, its school administrators. */
export function EstablishmentPage() {
  const { establishmentId = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created ?? null;
  const key = ['establishment-admin', 'establishment', establishmentId];
  const query = useQuery({ queryKey: key, queryFn: () => request(ManagedEstablishmentQuery, { id: establishmentId }) });
  const e = query.data?.establishment;
  useDocumentTitle(e ? `${e.name} — établissement` : 'Établissement');

  return (
    <Stack>
      <Anchor component={Link} to="/etablissements/gestion" w="fit-content">
        Retour à la gestion des établissements
      </Anchor>
      <QueryState loading={query.isPending} error={query.error} notFound="Établissement" retry={() => void query.refetch()}>
        {e && <Loaded key={e.id} establishment={e} created={created} />}
      </QueryState>
    </Stack>
  );
}

function Loaded({ establishment: e, created }: { establishment: Establishment; created: string | null }) {
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(created);
  const [values, setValues] = useState<FieldValues>(valuesOf(e));
  const [confirming, setConfirming] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: ['establishment-admin'] });

  const save = useMutation({
    mutationFn: () => request(UpdateManagedEstablishmentMutation, { id: e.id, input: { ...inputOf(values), status: e.status } }),
    onMutate: () => setNotice(null),
    onSuccess: async () => {
      setNotice('Les modifications de l’établissement sont enregistrées.');
      await refresh();
    },
  });
  const setStatus = useMutation({
    mutationFn: (status: EstablishmentStatus) => request(UpdateManagedEstablishmentMutation, { id: e.id, input: { ...inputOf(valuesOf(e)), status } }),
    onMutate: () => setNotice(null),
    onSuccess: async (_, status) => {
      setConfirming(false);
      setNotice(status === 'CLOSED' ? `L’établissement ${e.uai} est fermé.` : `L’établissement ${e.uai} est rouvert.`);
      await refresh();
    },
  });
  const errors = fieldErrors(save.error, FIELD_NAMES);
  const general = save.error && Object.keys(errors).length === 0 ? messageOf(save.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <>
      <Stack gap={4}>
        <Title order={1}>{e.name}</Title>
        <Group gap="xs">
          <Text>
            {e.uai} · {e.kindLabel}
            {e.commune ? ` · ${e.commune}` : ''}
            {e.tenant ? ` · ${e.tenant.name}` : ''}
          </Text>
          <StatusBadge status={e.status} />
        </Group>
        {e.uaiChecksumAcknowledged && (
          <Text size="sm">La lettre de contrôle de ce code UAI est incorrecte ; il a été confirmé tel que l’annuaire officiel l’écrit.</Text>
        )}
        <Text size="sm">
          {e.base ? (
            <Anchor component={Link} to={`/bases/${e.base.id}`}>
              Servi par la base {e.base.groupUai}
            </Anchor>
          ) : (
            'Aucune base ne le dessert.'
          )}{' '}
          · Modifié le {formatDateTime(e.updatedAt)}
        </Text>
      </Stack>
      <div aria-live="polite">{notice && <Notice color="green">{notice}</Notice>}</div>

      <Paper withBorder p="md" component="section" aria-labelledby="edit-establishment-title">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Title order={2} size="h3" id="edit-establishment-title">
              Modifier l’établissement
            </Title>
            <Text size="sm">Le code UAI ne change pas : pour un autre code, créez un autre établissement.</Text>
            <EstablishmentFields values={values} onChange={setValues} errors={errors} />
            {general && (
              <Alert color="red" role="alert" title="Modification refusée">
                {general}
              </Alert>
            )}
            <Button type="submit" w="fit-content" loading={save.isPending}>
              Enregistrer les modifications
            </Button>
          </Stack>
        </form>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="status-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="status-title">
            Ouverture
          </Title>
          {e.status === 'OPEN' ? (
            <>
              <Text size="sm">L’établissement est ouvert.</Text>
              <Button color="red" variant="outline" w="fit-content" onClick={() => setConfirming(true)}>
                Fermer l’établissement
              </Button>
            </>
          ) : (
            <>
              <Text size="sm">L’établissement est fermé : il reste dans Relais avec sa base, ses administrateurs et son historique.</Text>
              <Button variant="outline" w="fit-content" loading={setStatus.isPending} onClick={() => setStatus.mutate('OPEN')}>
                Rouvrir l’établissement
              </Button>
            </>
          )}
          {setStatus.error && !confirming && (
            <Alert color="red" role="alert" title="Changement refusé">
              {messageOf(setStatus.error)}
            </Alert>
          )}
        </Stack>
      </Paper>

      <AdministratorsSection establishment={e} />

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={`Fermer l’établissement ${e.uai} — ${e.name} ?`}
        lockScroll={false}
        closeButtonProps={{ 'aria-label': 'Fermer la fenêtre' }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Fermer un établissement le marque comme fermé : il reste dans Relais, avec sa base, ses administrateurs d’établissement et son historique, et peut être
            rouvert à tout moment.
          </Text>
          <Text size="sm">
            {e.base
              ? `Tant que la base ${e.base.groupUai} le dessert, ses diagnostics signalent un établissement fermé encore desservi : retirez-le de la base quand ce sera le moment.`
              : 'Aucune base ne le dessert.'}
          </Text>
          {setStatus.error && (
            <Alert color="red" role="alert" title="Fermeture refusée">
              {messageOf(setStatus.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              Annuler
            </Button>
            <Button color="red" loading={setStatus.isPending} onClick={() => setStatus.mutate('CLOSED')}>
              Fermer l’établissement
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
