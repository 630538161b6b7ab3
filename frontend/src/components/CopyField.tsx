import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';

/** A derived value with its copy button (URLs to give the ENT). */
export function CopyField({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {value ? (
        <Group gap="xs" wrap="nowrap">
          <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
            {value}
          </Text>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copié' : 'Copier'}>
                <ActionIcon variant="light" onClick={copy} aria-label={`Copier : ${label}`}>
                  {copied ? '✓' : '⧉'}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Non renseigné
        </Text>
      )}
    </div>
  );
}
