import { Text, type TextProps } from '@mantine/core';

/** An email address in a table cell: one line, cut with an ellipsis when long, whole in its title. */
export function EmailText({ email, ...props }: TextProps & { email: string }) {
  return (
    <Text size="sm" {...props} className="registrar-email" title={email}>
      {email}
    </Text>
  );
}
