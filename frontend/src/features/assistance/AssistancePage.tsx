import { Accordion, Alert, Anchor, Badge, Button, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useReadOnly } from '@/components/ReadOnly';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { TicketCategoryName, TicketStatusName } from '@/gql/graphql';
import { ApiError, messageOf } from '@/lib/errors';
import { download } from '@/lib/files';
import { formatDateTime, formatNumber } from '@/lib/format';
import { request } from '@/lib/graphql';
import { AssistanceQuery, CommentTicket, KnownAnswersQuery, OpenTicket, TicketQuery } from './api';

const CATEGORIES: { value: TicketCategoryName; label: string }[] = [
  { value: 'CAS_CONFIGURATION', label: 'Paramétrage CAS' },
  { value: 'ACCOUNT_MATCHING', label: 'Rapprochement des comptes' },
  { value: 'DIRECT_ACCESS', label: 'Accès direct' },
  { value: 'EXPORTS', label: 'Fichiers échangés' },
  { value: 'RENTREE', label: 'Rentrée' },
  { value: 'OTHER', label: 'Autre' },
];

const STATUS: Record<TicketStatusName, string> = {
  OPEN: 'Ouvert',
  IN_PROGRESS: 'En cours',
  WAITING_SCHOOL: 'En attente de votre réponse',
  RESOLVED: 'Résolu',
  CLOSED: 'Fermé',
};

export function AssistancePage() {
  const { baseId = '' } = useParams();
  useDocumentTitle('Assistance');
  const query = useQuery({ queryKey: ['assistance', baseId], queryFn: () => request(AssistanceQuery, { baseId }) });
  const [openId, setOpenId] = useState<string | null>(null);
  // The helpdesk answers tickets from its queue; it opens none for a school.
  const readOnly = useReadOnly();
  const uais = new Set(query.data?.base.establishments.map((e) => e.id) ?? []);
  const tickets = (query.data?.tickets.nodes ?? []).filter((t) => uais.has(t.establishment.id));
  return (
    <Stack>
      <Title order={1}>Assistance</Title>
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()} notFound="Base">
        {query.data && !readOnly && <NewTicket establishments={query.data.base.establishments} baseId={baseId} onOpened={setOpenId} />}
        <Paper withBorder p="md" component="section" aria-labelledby="tickets-title">
          <Title order={2} size="h3" id="tickets-title" mb="xs">
            Mes demandes
          </Title>
          {tickets.length === 0 ? (
            <EmptyState>Aucune demande pour cette base.</EmptyState>
          ) : (
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Demande</Table.Th>
                  <Table.Th scope="col">Catégorie</Table.Th>
                  <Table.Th scope="col">État</Table.Th>
                  <Table.Th scope="col">Ouverte le</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tickets.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => setOpenId(t.id)}>
                        {t.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{CATEGORIES.find((c) => c.value === t.category)?.label ?? t.category}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{STATUS[t.status]}</Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        {openId && <TicketDetail id={openId} />}
      </QueryState>
    </Stack>
  );
}

function NewTicket({
  establishments,
  baseId,
  onOpened,
}: {
  establishments: { id: string; uai: string; name: string }[];
  baseId: string;
  onOpened: (id: string) => void;
}) {
  const client = useQueryClient();
  const [establishmentId, setEstablishmentId] = useState(establishments[0]?.id ?? '');
  const [category, setCategory] = useState<TicketCategoryName>('CAS_CONFIGURATION');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const answers = useQuery({
    queryKey: ['known-answers', category, establishmentId],
    queryFn: () => request(KnownAnswersQuery, { category, establishmentId }),
    enabled: establishmentId !== '',
  });
  const open = useMutation({
    mutationFn: () => request(OpenTicket, { input: { establishmentId, category, title, description } }),
    onSuccess: (data) => {
      setTitle('');
      setDescription('');
      onOpened(data.openTicket.id);
      void client.invalidateQueries({ queryKey: ['assistance', baseId] });
    },
  });
  const fieldError = (field: string) => (open.error instanceof ApiError && open.error.field === field ? open.error.message : undefined);
  function submit(event: FormEvent) {
    event.preventDefault();
    open.mutate();
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-ticket">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={2} size="h3" id="new-ticket">
            Ouvrir une demande
          </Title>
          {establishments.length > 1 && (
            <NativeSelect
              label="Établissement"
              value={establishmentId}
              data={establishments.map((e) => ({ value: e.id, label: `${e.name} (${e.uai})` }))}
              onChange={(e) => setEstablishmentId(e.currentTarget.value)}
            />
          )}
          <NativeSelect label="Catégorie" value={category} data={CATEGORIES} onChange={(e) => setCategory(e.currentTarget.value as TicketCategoryName)} />
          {(answers.data?.knownAnswers.length ?? 0) > 0 && (
            <section aria-labelledby="known-answers">
              <Text fw={600} id="known-answers">
                Avant d’envoyer : ces réponses connues correspondent à votre situation
              </Text>
              <Accordion variant="separated">
                {answers.data?.knownAnswers.map((a) => (
                  <Accordion.Item key={a.code} value={a.code}>
                    <Accordion.Control>{a.title}</Accordion.Control>
                    <Accordion.Panel>
                      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                        {a.answer}
                      </Text>
                    </Accordion.Panel>
                  </Accordion.Item>
                ))}
              </Accordion>
            </section>
          )}
          <TextInput label="Objet" required maxLength={200} value={title} error={fieldError('title')} onChange={(e) => setTitle(e.currentTarget.value)} />
          <Textarea label="Description" required minRows={4} value={description} error={fieldError('description')} onChange={(e) => setDescription(e.currentTarget.value)} />
          {open.error && !fieldError('title') && !fieldError('description') && (
            <Alert color="red" role="alert" title="Demande non envoyée">
              {messageOf(open.error)}
            </Alert>
          )}
          {open.isSuccess && (
            <Text c="green.9" role="status">
              Demande envoyée à l’assistance.
            </Text>
          )}
          <Button type="submit" w="fit-content" loading={open.isPending}>
            Envoyer la demande
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function TicketDetail({ id }: { id: string }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['ticket', id], queryFn: () => request(TicketQuery, { id }) });
  const [body, setBody] = useState('');
  const comment = useMutation({
    mutationFn: () => request(CommentTicket, { ticketId: id, body }),
    onSuccess: () => {
      setBody('');
      void client.invalidateQueries({ queryKey: ['ticket', id] });
    },
  });
  const ticket = query.data?.ticket;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-title">
      <QueryState loading={query.isPending} error={query.error} notFound="Demande">
        {ticket && (
          <Stack gap="xs">
            <Title order={2} size="h3" id="ticket-title">
              {ticket.title}
            </Title>
            <Text size="sm">
              {STATUS[ticket.status]} · ouverte le {formatDateTime(ticket.createdAt)} · réponse à {ticket.contactEmail}
            </Text>
            <Text style={{ whiteSpace: 'pre-line' }}>{ticket.description}</Text>
            {ticket.attachments.length > 0 && (
              <div>
                <Text fw={600}>Pièces jointes</Text>
                {ticket.attachments.map((f) => (
                  <Anchor key={f.id} component="button" type="button" onClick={() => void download(f.downloadPath, f.fileName)}>
                    {f.fileName} ({formatNumber(Math.ceil(f.size / 1024))} Ko)
                  </Anchor>
                ))}
              </div>
            )}
            <Timeline bulletSize={14} lineWidth={2}>
              {ticket.timeline.map((event) => (
                <Timeline.Item
                  key={event.id}
                  title={event.kind === 'COMMENT' ? `Commentaire de ${event.authorEmail ?? 'l’assistance'}` : event.kind === 'STATUS' ? 'Changement d’état' : 'Prise en charge'}
                >
                  <Text size="sm">
                    {event.body ?? (event.statusTo ? `${event.statusFrom ?? ''} → ${event.statusTo}` : '')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(event.createdAt)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
            <Textarea label="Ajouter un commentaire" value={body} onChange={(e) => setBody(e.currentTarget.value)} />
            {comment.error && (
              <Text c="red.9" role="alert">
                {messageOf(comment.error)}
              </Text>
            )}
            <Button w="fit-content" disabled={!body.trim()} loading={comment.isPending} onClick={() => comment.mutate()}>
              Commenter
            </Button>
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
