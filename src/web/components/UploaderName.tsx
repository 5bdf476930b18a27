import { Text } from '@mantine/core';

/** "Name <email>" reads as the name, with the address underneath. */
export function UploaderName({ label }: { label: string }) {
  const match = /^(.*?)\s*<([^>]+)>$/.exec(label);
  if (!match) return <>{label}</>;
  return (
    <>
      {match[1]}
      <Text component="span" size="xs" c="dimmed" className="registrar-email" title={match[2]}>
        {match[2]}
      </Text>
    </>
  );
}
