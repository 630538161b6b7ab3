import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { BarChart, type Bar } from '@/components/BarChart';
import { QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { HelpdeskDashboardQuery as Result } from '@/gql/graphql';
import { formatNumber } from '@/lib/format';
import { request } from '@/lib/graphql';
import { HelpdeskDashboardQuery } from '../api';
import { DASHBOARD_AGE, formatDelay } from '../labels';
import { DEFAULT_FILTERS, filtersToParams, type QueueFilters } from '../queue/filters';
import '../helpdesk.css';

/** The dashboard is read again this often while it stays open. */
const REFRESH_MS = 30_000;

type Dashboard = Result['helpdeskDashboard'];

const AGE_COLORS: Record<string, Bar['color']> = { LESS_THAN_1_DAY: 'green', '1_TO_7_DAYS': 'orange', MORE_THAN_7_DAYS: 'red' };

/** The queue's address for a view (a bar's « show these tickets »). */
export function queueLink(filters: Partial<QueueFilters>): string {
  const params = filtersToParams({ ...DEFAULT_FILTERS, ...filters }).toString();
  return params ? `/assistance?${params}` : '/assistance';
}

/**
 * « Tableau de bord de l'assistance »: the open tickets by age, category,
 * academy and establishment, the establishments with the most tickets, the
 * time to the first answer. Each bar leads to the queue filtered on it.
 */
export function HelpdeskDashboardPage() {
  useDocumentTitle('Tableau de bord de l’assistance');
  const query = useQuery({ queryKey: ['helpdesk-dashboard'], queryFn: () => request(HelpdeskDashboardQuery), refetchInterval: REFRESH_MS });
  const data = query.data?.helpdeskDashboard;
  return (
    <Stack gap="md">
      <Title order={1}>Tableau de bord de l’assistance</Title>
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()}>
        {data && <DashboardBody data={data} />}
      </QueryState>
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm">{label}</Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

function DashboardBody({ data }: { data: Dashboard }) {
  const navigate = useNavigate();
  const bars = (rows: Dashboard['openByAge'], to: (key: string) => Partial<QueueFilters>, color?: (key: string) => Bar['color']): Bar[] =>
    rows.map((r) => ({
      key: r.key,
      label: r.label,
      value: r.tickets,
      color: color?.(r.key),
      onPick: () => navigate(queueLink(to(r.key))),
      pickLabel: `${r.label} : voir ces tickets dans la file d’attente`,
    }));
  return (
    <>
      <section aria-labelledby="helpdesk-figures">
        <Title order={2} size="h3" id="helpdesk-figures" mb="xs">
          En bref
        </Title>
        <div className="helpdesk-figures">
          <Figure label="Tickets à traiter" value={formatNumber(data.openTickets)} />
          <Figure label="Tickets ayant reçu une réponse" value={formatNumber(data.answeredTickets)} />
          <Figure label="Délai médian de première réponse" value={data.medianFirstAnswerSeconds == null ? '—' : formatDelay(data.medianFirstAnswerSeconds)} />
          <Figure label="Délai moyen de première réponse" value={data.meanFirstAnswerSeconds == null ? '—' : formatDelay(data.meanFirstAnswerSeconds)} />
        </div>
      </section>
      <section aria-labelledby="helpdesk-charts">
        <Title order={2} size="h3" id="helpdesk-charts" mb="xs">
          Tickets à traiter
        </Title>
        <div className="bar-charts">
          <BarChart
            title="Par ancienneté"
            unit="tickets ouverts"
            empty="Aucun ticket à traiter."
            bars={bars(data.openByAge, (key) => ({ age: DASHBOARD_AGE[key] ?? '' }), (key) => AGE_COLORS[key])}
          />
          <BarChart title="Par catégorie" unit="tickets ouverts" empty="Aucun ticket à traiter." bars={bars(data.openByCategory, (key) => ({ category: key as QueueFilters['category'] }))} />
          <BarChart
            title="Par académie"
            unit="tickets ouverts"
            empty="Aucun ticket à traiter."
            bars={bars(data.openByAcademy, (key) => ({ academy: key === 'Non renseignée' ? '' : key }))}
          />
          <BarChart title="Par établissement" unit="tickets ouverts" empty="Aucun ticket à traiter." bars={bars(data.openByEstablishment.slice(0, 10), (uai) => ({ uai }))} />
        </div>
      </section>
      <MostTickets rows={data.establishmentsWithMostTickets} />
    </>
  );
}

function MostTickets({ rows }: { rows: Dashboard['establishmentsWithMostTickets'] }) {
  return (
    <section aria-labelledby="helpdesk-most">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="helpdesk-most">
          Établissements ayant le plus de tickets
        </Title>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">Aucun ticket pour l’instant.</Text>
      ) : (
        <Table withTableBorder striped>
          <Table.Caption>Tous les tickets, ouverts ou non (dix établissements au plus)</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Établissement</Table.Th>
              <Table.Th scope="col">UAI</Table.Th>
              <Table.Th scope="col">Tickets</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <Anchor component={Link} to={queueLink({ uai: r.key, status: 'ALL' })}>
                    {r.label || r.key}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.key}</Table.Td>
                <Table.Td>{formatNumber(r.tickets)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
