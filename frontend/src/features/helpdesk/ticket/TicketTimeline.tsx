import { Alert, Button, Paper, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { HelpdeskTicketQuery, TicketEmailsQuery, TicketStatusName } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { CommentOnTicket } from '../api';
import { STATUS_LABELS } from '../labels';

type Ticket = HelpdeskTicketQuery['ticket'];
type Email = TicketEmailsQuery['ticket']['emails'][number];

const EMAIL_STATUS: Record<Email['status'], string> = { PENDING: 'en file d’attente', SENT: 'envoyé', FAILED: 'en échec' };

interface Entry {
  id: string;
  at: string;
  title: string;
  body?: string | null;
}

function statusLabel(raw: string | null | undefined): string {
  return raw ? (STATUS_LABELS[raw as TicketStatusName] ?? raw) : '—';
}

/** The ticket's story, oldest first: its opening, comments, status changes, attributions and (helpdesk side) e-mails. */
export function entriesOf(ticket: Ticket, emails: Email[]): Entry[] {
  const entries: Entry[] = [{ id: 'opened', at: ticket.createdAt, title: `Ticket ouvert par ${ticket.contactEmail}`, body: ticket.description }];
  for (const e of ticket.timeline) {
    const by = e.authorEmail ?? 'Relais';
    if (e.kind === 'COMMENT') entries.push({ id: e.id, at: e.createdAt, title: `Commentaire de ${by}`, body: e.body });
    else if (e.kind === 'STATUS') entries.push({ id: e.id, at: e.createdAt, title: `État changé par ${by}`, body: `${statusLabel(e.statusFrom)} → ${statusLabel(e.statusTo)}` });
    else if (e.kind === 'ASSIGNED') entries.push({ id: e.id, at: e.createdAt, title: `Attribué par ${by}`, body: `À ${e.body ?? '—'}` });
    else entries.push({ id: e.id, at: e.createdAt, title: e.kind, body: e.body });
  }
  for (const m of emails) {
    entries.push({ id: m.id, at: m.createdAt, title: `Courriel à ${m.to.join(', ')} (${EMAIL_STATUS[m.status]})`, body: m.subject });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || (a.id === 'opened' ? -1 : b.id === 'opened' ? 1 : 0));
}

interface Props {
  ticket: Ticket;
  emails: Email[];
  onChanged: () => Promise<void>;
}

export function TicketTimeline({ ticket, emails, onChanged }: Props) {
  const [body, setBody] = useState('');
  const comment = useMutation({
    mutationFn: () => request(CommentOnTicket, { ticketId: ticket.id, body }),
    onSuccess: async () => {
      setBody('');
      await onChanged();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    comment.mutate();
  }
  const closed = ticket.status === 'CLOSED';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-timeline">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ticket-timeline">
          Historique
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {entriesOf(ticket, emails).map((entry) => (
            <Timeline.Item key={entry.id} title={entry.title}>
              {entry.body && (
                <Text size="sm" className="helpdesk-pre">
                  {entry.body}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
        {closed ? (
          <Text size="sm">Ce ticket est fermé : il ne reçoit plus de commentaire.</Text>
        ) : (
          <form onSubmit={submit}>
            <Stack gap="xs">
              <Textarea label="Ajouter un commentaire" description="Le demandeur le reçoit par courriel." minRows={3} autosize value={body} onChange={(e) => setBody(e.currentTarget.value)} />
              {comment.error && (
                <Alert color="red" role="alert" title="Commentaire non envoyé">
                  {messageOf(comment.error)}
                </Alert>
              )}
              <Button type="submit" w="fit-content" disabled={!body.trim()} loading={comment.isPending}>
                Commenter
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
