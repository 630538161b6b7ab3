import { Accordion, Badge, Checkbox, List, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { HelpdeskTicketQuery } from '@/gql/graphql';
import { count } from '@/lib/format';
import { settingsDiff } from './diff';

type Ticket = HelpdeskTicketQuery['ticket'];

interface Finding {
  code: string;
  severity: string;
  message: string;
}

const SEVERITY: Record<string, { label: string; color: string }> = {
  ERROR: { label: 'Erreur', color: 'red' },
  WARNING: { label: 'Avertissement', color: 'orange' },
  INFO: { label: 'Information', color: 'blue' },
};

function findingsOf(json: unknown): Finding[] {
  return Array.isArray(json) ? json.filter((f): f is Finding => typeof f === 'object' && f !== null && 'code' in f) : [];
}

/** The base's settings at the ticket's opening beside its settings now. */
export function SettingsComparison({ ticket }: { ticket: Ticket }) {
  const [all, setAll] = useState(false);
  const rows = settingsDiff(ticket.settingsSnapshot, ticket.current.settings);
  const changed = rows.filter((r) => r.changed);
  const shown = all ? rows : changed;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-settings">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ticket-settings">
          Paramètres : à l’ouverture et maintenant
        </Title>
        {ticket.settingsSnapshot == null && ticket.current.settings == null ? (
          <Text size="sm">Aucune base ne sert cet établissement.</Text>
        ) : (
          <>
            <Text size="sm">
              {changed.length === 0
                ? 'Les paramètres n’ont pas changé depuis l’ouverture du ticket.'
                : `${count(changed.length, 'paramètre a changé', 'paramètres ont changé')} depuis l’ouverture du ticket.`}
            </Text>
            <Checkbox label="Afficher aussi les paramètres inchangés" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
            {shown.length > 0 && (
              <Table withTableBorder>
                <Table.Caption>{all ? 'Tous les paramètres' : 'Paramètres changés'}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Paramètre</Table.Th>
                    <Table.Th scope="col">À l’ouverture</Table.Th>
                    <Table.Th scope="col">Maintenant</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((r) => (
                    <Table.Tr key={r.path} className={r.changed ? 'helpdesk-diff-changed' : undefined}>
                      <Table.Th scope="row" fw={400}>
                        {r.label}
                        {r.changed && <VisuallyHidden> (changé)</VisuallyHidden>}
                      </Table.Th>
                      <Table.Td>{r.before}</Table.Td>
                      <Table.Td>{r.after}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Findings({ findings, empty }: { findings: Finding[]; empty: string }) {
  if (findings.length === 0) return <Text size="sm">{empty}</Text>;
  return (
    <List size="sm" spacing={4}>
      {findings.map((f) => (
        <List.Item key={f.code}>
          <Badge size="sm" variant="light" color={SEVERITY[f.severity]?.color ?? 'gray'} autoContrast mr={6}>
            {SEVERITY[f.severity]?.label ?? f.severity}
          </Badge>
          {f.message}
        </List.Item>
      ))}
    </List>
  );
}

/** The diagnostics now (what to look at first) and at the opening. */
export function DiagnosticsComparison({ ticket }: { ticket: Ticket }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-diagnostics">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ticket-diagnostics">
          Diagnostics
        </Title>
        <Title order={3} size="h5">
          Maintenant
        </Title>
        <Findings findings={findingsOf(ticket.current.diagnostics)} empty="Aucun problème détecté aujourd’hui." />
        <Title order={3} size="h5">
          À l’ouverture du ticket
        </Title>
        <Findings findings={findingsOf(ticket.diagnosticsSnapshot)} empty="Aucun problème détecté à l’ouverture." />
      </Stack>
    </Paper>
  );
}

export function KnownAnswers({ answers }: { answers: Ticket['knownAnswers'] }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-answers">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ticket-answers">
          Réponses connues
        </Title>
        {answers.length === 0 ? (
          <Text size="sm">Aucune réponse connue ne correspond à cette catégorie et à ces diagnostics.</Text>
        ) : (
          <Accordion variant="separated">
            {answers.map((a) => (
              <Accordion.Item key={a.code} value={a.code}>
                <Accordion.Control>{a.title}</Accordion.Control>
                <Accordion.Panel>
                  <Text size="sm" className="helpdesk-pre">
                    {a.answer}
                  </Text>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </Stack>
    </Paper>
  );
}
