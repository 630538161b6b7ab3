import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { Role } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { request } from '@/lib/graphql';
import { agentsOf } from '../agents';
import { AgentsQuery, HelpdeskTicketQuery, TicketEmailsQuery, ViewerQuery } from '../api';
import { ageOf, CATEGORY_LABELS, STATUS_COLORS, STATUS_LABELS } from '../labels';
import { Attachments } from './Attachments';
import { DiagnosticsComparison, KnownAnswers, SettingsComparison } from './BaseComparison';
import { TicketActions } from './TicketActions';
import { TicketTimeline } from './TicketTimeline';
import '../helpdesk.css';

/** A ticket is read again this often while it stays open (a fallback until the API pushes changes). */
const REFRESH_MS = 15_000;

const HELPDESK_SIDE: readonly Role[] = ['HELPDESK', 'OPERATOR_ADMIN', 'PLATFORM_ADMIN'];

/**
 * « Ticket »: what the school asked, its story, the base then and now, the
 * known answers, and (helpdesk side) the controls to work it. Its address
 * is the one the ticket's e-mails give, so a school administrator may
 * follow it here too (no helpdesk control then).
 */
export function TicketPage() {
  const { ticketId = '' } = useParams();
  const client = useQueryClient();
  const viewer = useQuery({ queryKey: ['helpdesk-viewer'], queryFn: () => request(ViewerQuery), staleTime: 300_000 });
  const helpdesk = viewer.data ? HELPDESK_SIDE.includes(viewer.data.me.role) : false;
  const query = useQuery({ queryKey: ['helpdesk-ticket', ticketId], queryFn: () => request(HelpdeskTicketQuery, { id: ticketId }), refetchInterval: REFRESH_MS });
  const emails = useQuery({
    queryKey: ['helpdesk-ticket-emails', ticketId],
    queryFn: () => request(TicketEmailsQuery, { id: ticketId }),
    enabled: helpdesk,
    refetchInterval: REFRESH_MS,
  });
  const agents = useQuery({ queryKey: ['helpdesk-agents'], queryFn: () => request(AgentsQuery), enabled: helpdesk, staleTime: 300_000 });
  const ticket = query.data?.ticket;
  useDocumentTitle(ticket ? `Ticket « ${ticket.title} »` : 'Ticket');
  async function refresh() {
    await Promise.all([
      client.invalidateQueries({ queryKey: ['helpdesk-ticket', ticketId] }),
      client.invalidateQueries({ queryKey: ['helpdesk-ticket-emails', ticketId] }),
      client.invalidateQueries({ queryKey: ['ticket-queue'] }),
    ]);
  }
  const baseId = ticket?.current.baseId ?? ticket?.baseId;
  return (
    <QueryState loading={query.isPending || viewer.isPending} error={query.error ?? viewer.error} retry={() => void query.refetch()} notFound="Ticket">
      {ticket && (
        <Stack gap="md">
          <div>
            <Title order={1}>{ticket.title}</Title>
            <Group gap="xs" mt={4}>
              <Badge variant="light" color={STATUS_COLORS[ticket.status]} autoContrast>
                {STATUS_LABELS[ticket.status]}
              </Badge>
              <Text size="sm">
                {CATEGORY_LABELS[ticket.category]} · ouvert le {formatDateTime(ticket.createdAt)} (il y a {ageOf(ticket.createdAt)})
                {ticket.firstAnswerAt ? ` · première réponse le ${formatDateTime(ticket.firstAnswerAt)}` : ' · pas encore de réponse'}
              </Text>
            </Group>
          </div>
          <Paper withBorder p="md" component="section" aria-labelledby="ticket-who">
            <Stack gap={4}>
              <Title order={2} size="h3" id="ticket-who">
                Établissement et demandeur
              </Title>
              <Text size="sm">
                {ticket.establishment.name} ({ticket.establishment.uai}){ticket.establishment.academy ? ` · académie ${ticket.establishment.academy}` : ''}
              </Text>
              <Text size="sm">
                Réponse à {ticket.contactEmail}
                {ticket.contactPhone ? ` · téléphone ${ticket.contactPhone}` : ''}
              </Text>
              {helpdesk && (
                <Text size="sm">Attribué à : {agentName(ticket.assigneeId, agents.data ? agentsOf(agents.data) : [])}</Text>
              )}
              {baseId && (
                <Group gap="md">
                  <Anchor component={Link} to={`/bases/${baseId}`} size="sm">
                    Voir la base
                  </Anchor>
                  <Anchor component={Link} to={`/bases/${baseId}/test`} size="sm">
                    Tester l’authentification
                  </Anchor>
                  <Anchor component={Link} to={`/bases/${baseId}/diagnostics`} size="sm">
                    Diagnostics de la base
                  </Anchor>
                </Group>
              )}
            </Stack>
          </Paper>
          {helpdesk && (
            <TicketActions
              ticketId={ticket.id}
              status={ticket.status}
              allowed={ticket.allowedStatuses}
              assigneeId={ticket.assigneeId}
              agents={agents.data ? agentsOf(agents.data) : []}
              onChanged={refresh}
            />
          )}
          <div className="helpdesk-columns">
            <TicketTimeline ticket={ticket} emails={emails.data?.ticket.emails ?? []} onChanged={refresh} />
            <Stack gap="md">
              <DiagnosticsComparison ticket={ticket} />
              <KnownAnswers answers={ticket.knownAnswers} />
              <Attachments ticketId={ticket.id} files={ticket.attachments} onChanged={refresh} />
            </Stack>
          </div>
          <SettingsComparison ticket={ticket} />
        </Stack>
      )}
    </QueryState>
  );
}

function agentName(id: string | null | undefined, agents: { id: string; name: string }[]): string {
  if (!id) return 'personne';
  return agents.find((a) => a.id === id)?.name ?? 'un agent';
}
