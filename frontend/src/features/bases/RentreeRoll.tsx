import { Button, List, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '@/lib/errors';
import { count } from '@/lib/format';
import { request } from '@/lib/graphql';
import { StartSchoolYearMutation } from './api';
import { Notice } from '@/components/Notice';

interface Props {
  bases: readonly { id: string; groupUai: string; version: number }[];
  schoolYear: string;
  pronoteVersion: number | null;
}

interface Outcome {
  groupUai: string;
  /** Empty when the base moved to the year. */
  refusal: string | null;
}

/**
 * « Faire la rentrée des bases affichées »: one base after the other, each
 * with the version read (a base changed meanwhile is reported, never
 * forced), a progress bar and the outcome of each.
 */
export function RentreeRoll({ bases, schoolYear, pronoteVersion }: Props) {
  const client = useQueryClient();
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [total, setTotal] = useState(0);

  async function roll() {
    const todo = [...bases];
    setTotal(todo.length);
    setOutcomes([]);
    setRunning(true);
    for (const b of todo) {
      let refusal: string | null = null;
      try {
        await request(StartSchoolYearMutation, { baseId: b.id, version: b.version, schoolYear, pronoteVersion });
      } catch (error) {
        refusal = messageOf(error);
      }
      setOutcomes((done) => [...done, { groupUai: b.groupUai, refusal }]);
    }
    setRunning(false);
    await client.invalidateQueries({ queryKey: ['bases'] });
  }

  const refused = outcomes.filter((o) => o.refusal);
  const finished = !running && outcomes.length > 0;
  return (
    <Stack gap="xs">
      {(bases.length > 0 || running) && (
        <Button w="fit-content" onClick={() => void roll()} loading={running}>
          Faire la rentrée {schoolYear} des {count(bases.length, 'base affichée', 'bases affichées')}
        </Button>
      )}
      {(running || finished) && (
        <>
          <label htmlFor="rentree-progress">
            Rentrée {schoolYear} : {outcomes.length} sur {total}
          </label>
          <progress id="rentree-progress" className="bases-progress" max={total} value={outcomes.length} />
        </>
      )}
      <div aria-live="polite">
        {finished && (
          <Notice color={refused.length ? 'orange' : 'green'} title="Rentrée terminée">
            <Text size="sm">
              {count(outcomes.length - refused.length, 'base passe', 'bases passent')} en {schoolYear}
              {refused.length ? ` ; ${count(refused.length, 'base est laissée', 'bases sont laissées')} telle${refused.length > 1 ? 's' : ''} quelle${refused.length > 1 ? 's' : ''} :` : '.'}
            </Text>
            {refused.length > 0 && (
              <List size="sm">
                {refused.map((o) => (
                  <List.Item key={o.groupUai}>
                    {o.groupUai} — {o.refusal}
                  </List.Item>
                ))}
              </List>
            )}
          </Notice>
        )}
      </div>
    </Stack>
  );
}
