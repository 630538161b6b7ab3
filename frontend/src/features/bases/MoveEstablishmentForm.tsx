import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, fieldErrors, messageOf } from '@/lib/errors';
import { establishmentByUai } from '@/lib/establishment-lookup';
import { request } from '@/lib/graphql';
import { MoveEstablishmentMutation } from './api';
import { Notice } from '@/components/Notice';

const FIELDS = ['uai', 'targetUai'] as const;

/** « Déplacer un établissement »: another base serves it from now on (a cité scolaire gains a member). */
export function MoveEstablishmentForm() {
  const client = useQueryClient();
  const [uai, setUai] = useState('');
  const [targetUai, setTargetUai] = useState('');
  const move = useMutation({
    mutationFn: async () => {
      const establishment = await establishmentByUai(uai, 'uai');
      const target = await establishmentByUai(targetUai, 'targetUai');
      if (!target.base) {
        throw new ApiError({ message: `${target.uai} n’est servi par aucune base : créez d’abord sa base.`, extensions: { code: 'VALIDATION', field: 'targetUai' } });
      }
      const moved = await request(MoveEstablishmentMutation, { establishmentId: establishment.id, baseId: target.base.id });
      return { from: establishment.base?.groupUai ?? null, uai: establishment.uai, base: moved.moveEstablishment };
    },
    onSuccess: async () => {
      setUai('');
      setTargetUai('');
      await client.invalidateQueries({ queryKey: ['bases'] });
    },
  });
  const errors = fieldErrors(move.error, FIELDS);
  const general = move.error && Object.keys(errors).length === 0 ? messageOf(move.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    move.mutate();
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="move-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="move-title">
            Déplacer un établissement
          </Title>
          <Text size="sm">L’établissement quitte sa base pour celle d’un autre établissement (cité scolaire). Le déplacement est inscrit au journal d’audit.</Text>
          <Group grow align="start">
            <TextInput label="UAI de l’établissement à déplacer" required value={uai} onChange={(e) => setUai(e.currentTarget.value)} error={errors.uai} />
            <TextInput label="UAI d’un établissement de la base d’accueil" required value={targetUai} onChange={(e) => setTargetUai(e.currentTarget.value)} error={errors.targetUai} />
          </Group>
          {general && (
            <Alert color="red" role="alert" title="Déplacement refusé">
              {general}
            </Alert>
          )}
          <div aria-live="polite">
            {move.data && (
              <Notice color="green">
                {move.data.uai} est désormais servi par la base {move.data.base.groupUai}
                {move.data.from ? ` (au lieu de ${move.data.from})` : ''} : {move.data.base.establishments.map((e) => e.uai).join(', ')}.
              </Notice>
            )}
          </div>
          <Button type="submit" w="fit-content" loading={move.isPending}>
            Déplacer l’établissement
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
