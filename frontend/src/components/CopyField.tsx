import { Button, CopyButton, Group, Text } from '@mantine/core';

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
              <Button size="compact-xs" variant="light" onClick={copy} aria-label={`Copier : ${label}`}>
                {copied ? 'Copié' : 'Copier'}
              </Button>
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
