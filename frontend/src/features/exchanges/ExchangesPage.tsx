import { NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { QueryState } from '@/components/QueryState';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { request } from '@/lib/graphql';
import { ExchangesCallerQuery, ExchangeTenantsQuery } from './api';
import { EntImportSection } from './EntImportSection';
import { SettingsSection } from './SettingsSection';
import { StoredFilesSection } from './StoredFilesSection';
import './exchanges.css';

/**
 * « Échanges »: the operator's exchange settings with Index-Education, the
 * ENT accounts import and the stored files. A platform administrator first
 * names the operator (`?operateur=<id>`).
 */
export function ExchangesPage() {
  useDocumentTitle('Échanges');
  const [params, setParams] = useSearchParams();
  const caller = useQuery({ queryKey: ['exchanges', 'caller'], queryFn: () => request(ExchangesCallerQuery) });
  const platform = caller.data?.me.role === 'PLATFORM_ADMIN';
  const tenants = useQuery({ queryKey: ['exchanges', 'tenants'], queryFn: () => request(ExchangeTenantsQuery), enabled: platform });
  const chosen = params.get('operateur');
  // An operator's own tenant is implied; a platform administrator's is the one chosen.
  const tenantId = platform ? chosen : null;
  const ready = caller.data !== undefined && (!platform || Boolean(chosen));

  return (
    <Stack>
      <Title order={1}>Échanges</Title>
      <Text>
        Les échanges de fichiers entre l’ENT et PRONOTE : les clés d’Index-Education et du partenaire, l’annuaire des comptes ENT qui alimente le fichier de
        rapprochement, et les fichiers que Relais conserve chiffrés.
      </Text>
      <QueryState loading={caller.isPending} error={caller.error ?? tenants.error} retry={() => void caller.refetch()}>
        {platform && (
          <NativeSelect
            label="Opérateur"
            w={360}
            value={chosen ?? ''}
            onChange={(e) => setParams(e.currentTarget.value ? { operateur: e.currentTarget.value } : {}, { replace: true })}
            data={[{ value: '', label: 'Choisissez un opérateur' }, ...(tenants.data?.tenants.nodes ?? []).map((t) => ({ value: t.id, label: t.name }))]}
          />
        )}
        {platform && !chosen && (
          <Text role="status" fw={600}>
            Choisissez l’opérateur dont vous gérez les échanges.
          </Text>
        )}
        {ready && (
          <Stack key={tenantId ?? 'own'}>
            <SettingsSection tenantId={tenantId} />
            <EntImportSection tenantId={tenantId} />
            <StoredFilesSection tenantId={tenantId} />
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
