import { Alert, Anchor, Button, Group, NativeSelect, NumberInput, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Hosting } from '@/gql/graphql';
import { fieldErrors, messageOf } from '@/lib/errors';
import { establishmentByUai, splitUais } from '@/lib/establishment-lookup';
import { request } from '@/lib/graphql';
import { CreateBaseMutation } from './api';
import { Notice } from '@/components/Notice';

const FIELDS = ['groupUai', 'otherUais', 'schoolYear', 'pronoteVersion', 'publicUrl', 'serverAddress', 'hosting'] as const;

/** « Créer une base »: its main establishment, the other establishments of a cité scolaire, hosting and school year. */
export function CreateBaseForm() {
  const client = useQueryClient();
  const [groupUai, setGroupUai] = useState('');
  const [otherUais, setOtherUais] = useState('');
  const [hosting, setHosting] = useState<Hosting>('HOSTED');
  const [schoolYear, setSchoolYear] = useState('');
  const [pronoteVersion, setPronoteVersion] = useState<number | ''>('');
  const [publicUrl, setPublicUrl] = useState('');
  const [serverAddress, setServerAddress] = useState('');
  const create = useMutation({
    mutationFn: async () => {
      const group = await establishmentByUai(groupUai, 'groupUai');
      const others = [];
      for (const uai of splitUais(otherUais)) others.push(await establishmentByUai(uai, 'otherUais'));
      return request(CreateBaseMutation, {
        input: {
          groupEstablishmentId: group.id,
          otherEstablishmentIds: others.map((e) => e.id),
          fields: {
            hosting,
            schoolYear: schoolYear.trim(),
            pronoteVersion: pronoteVersion === '' ? null : pronoteVersion,
            publicUrl: publicUrl.trim() || null,
            serverAddress: serverAddress.trim() || null,
          },
        },
      });
    },
    onSuccess: async () => {
      setGroupUai('');
      setOtherUais('');
      await client.invalidateQueries({ queryKey: ['bases'] });
    },
  });
  const errors = fieldErrors(create.error, FIELDS);
  const general = create.error && Object.keys(errors).length === 0 ? messageOf(create.error) : null;
  const created = create.data?.createBase;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="create-base-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="create-base-title">
            Créer une base
          </Title>
          <Group grow align="start">
            <TextInput label="UAI de l’établissement principal" description="Il donne son nom à la base et à ses exports" required value={groupUai} onChange={(e) => setGroupUai(e.currentTarget.value)} error={errors.groupUai} />
            <Textarea
              label="Autres établissements de la cité scolaire"
              description="Leurs UAI, séparés par des virgules ; vide pour un seul établissement"
              value={otherUais}
              onChange={(e) => setOtherUais(e.currentTarget.value)}
              error={errors.otherUais}
              autosize
              minRows={1}
            />
          </Group>
          <Group grow align="start">
            <NativeSelect
              label="Hébergement"
              value={hosting}
              onChange={(e) => setHosting(e.currentTarget.value as Hosting)}
              data={[
                { value: 'HOSTED', label: 'Hébergée par Index-Education' },
                { value: 'SELF_HOSTED', label: 'Hébergée par l’établissement' },
              ]}
            />
            <TextInput label="Année scolaire" placeholder="2026-2027" required value={schoolYear} onChange={(e) => setSchoolYear(e.currentTarget.value)} error={errors.schoolYear} />
            <NumberInput label="Version de PRONOTE" placeholder="2026" value={pronoteVersion} onChange={(v) => setPronoteVersion(typeof v === 'number' ? v : '')} error={errors.pronoteVersion} />
          </Group>
          <Group grow align="start">
            <TextInput label="Adresse publique de PRONOTE.net" value={publicUrl} onChange={(e) => setPublicUrl(e.currentTarget.value)} error={errors.publicUrl} />
            {hosting === 'SELF_HOSTED' && (
              <TextInput label="Adresse du serveur PRONOTE" value={serverAddress} onChange={(e) => setServerAddress(e.currentTarget.value)} error={errors.serverAddress} />
            )}
          </Group>
          {general && (
            <Alert color="red" role="alert" title="Création refusée">
              {general}
            </Alert>
          )}
          <div aria-live="polite">
            {created && (
              <Notice color="green">
                La base {created.groupUai} est créée ({created.establishments.map((e) => e.uai).join(', ')}), non publiée.{' '}
                <Anchor underline="always" component={Link} to={`/bases/${created.id}`}>
                  Ouvrir la base
                </Anchor>
              </Notice>
            )}
          </div>
          <Button type="submit" w="fit-content" loading={create.isPending}>
            Créer la base
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
