import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { EmptyState, QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import type { Severity } from '@/gql/graphql';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { DiagnosticsQuery } from './api';
import { fieldOfFinding } from './fields';

const ORDER: { severity: Severity; title: string; color: string }[] = [
  { severity: 'ERROR', title: 'Erreurs', color: 'red' },
  { severity: 'WARNING', title: 'Avertissements', color: 'orange' },
  { severity: 'INFO', title: 'Informations', color: 'blue' },
];

export function DiagnosticsPage() {
  const { baseId = '' } = useParams();
  useDocumentTitle('Diagnostics');
  const query = useQuery({ queryKey: ['diagnostics', baseId], queryFn: () => request(DiagnosticsQuery, { id: baseId }) });
  const findings = query.data?.base.diagnostics ?? [];
  return (
    <Stack>
      <Title order={1}>Diagnostics{query.data ? ` de la base ${query.data.base.groupUai}` : ''}</Title>
      <QueryState loading={query.isPending} error={query.error} retry={() => void query.refetch()} notFound="Base">
        {findings.length === 0 && <EmptyState>Aucun constat : les paramètres de cette base sont complets.</EmptyState>}
        {ORDER.map(({ severity, title, color }) => {
          const group = findings.filter((f) => f.severity === severity);
          if (group.length === 0) return null;
          return (
            <section key={severity} aria-labelledby={`sev-${severity}`}>
              <Title order={2} id={`sev-${severity}`} size="h3" mb="xs">
                {title} ({count(group.length, 'constat', 'constats')})
              </Title>
              <Stack gap="xs">
                {group.map((finding) => {
                  const target = fieldOfFinding(finding.code);
                  const href =
                    target === 'cas-test' ? `/bases/${baseId}/test` : target ? `/bases/${baseId}?champ=${target}` : `/bases/${baseId}`;
                  return (
                    <Paper key={finding.code + finding.message} withBorder p="sm">
                      <Group justify="space-between" wrap="nowrap" align="start">
                        <Stack gap={4}>
                          <Text>{finding.message}</Text>
                          <Anchor component={Link} to={href} size="sm">
                            Corriger : aller au paramètre concerné
                          </Anchor>
                        </Stack>
                        <Badge color={color} variant="light">
                          {finding.severityLabel}
                        </Badge>
                      </Group>
                    </Paper>
                  );
                })}
              </Stack>
            </section>
          );
        })}
      </QueryState>
    </Stack>
  );
}
