import { Alert, Anchor, Button, FileInput, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { HelpdeskTicketQuery } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';
import { download, upload } from '@/lib/files';
import { formatDateTime, formatNumber } from '@/lib/format';
import { AttachToTicket } from '../api';

type File_ = HelpdeskTicketQuery['ticket']['attachments'][number];

/** The ticket's files: each download is written in the audit log by the server. */
export function Attachments({ ticketId, files, onChanged }: { ticketId: string; files: File_[]; onChanged: () => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const send = useMutation({
    mutationFn: (chosen: File) => upload(AttachToTicket, { ticketId, file: chosen }, setProgress),
    onSuccess: async () => {
      setFile(null);
      await onChanged();
    },
    onSettled: () => setProgress(null),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) send.mutate(file);
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-files">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ticket-files">
          Pièces jointes
        </Title>
        {files.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucune pièce jointe.
          </Text>
        ) : (
          <List size="sm">
            {files.map((f) => (
              <List.Item key={f.id}>
                <Anchor component="button" type="button" onClick={() => void download(f.downloadPath, f.fileName).catch(setDownloadError)}>
                  Télécharger {f.fileName}
                </Anchor>{' '}
                ({formatNumber(Math.max(1, Math.ceil(f.size / 1024)))} Ko, le {formatDateTime(f.createdAt)})
              </List.Item>
            ))}
          </List>
        )}
        {downloadError !== null && (
          <Text c="red.9" role="alert">
            {messageOf(downloadError)}
          </Text>
        )}
        <form onSubmit={submit}>
          <Group align="end">
            <FileInput label="Joindre un fichier" placeholder="Choisir un fichier" value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }} />
            <Button type="submit" variant="outline" disabled={!file} loading={send.isPending}>
              Joindre
            </Button>
          </Group>
        </form>
        {progress !== null && <Progress value={progress * 100} aria-label="Envoi du fichier" />}
        {send.error && (
          <Alert color="red" role="alert" title="Fichier refusé">
            {messageOf(send.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
