import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/** A text input that reports its value after the person pauses typing, and follows outside changes (back button). */
export function DebouncedTextInput({
  value,
  onSettled,
  delay = 300,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onSettled: (value: string) => void; delay?: number }) {
  const [text, setText] = useState(value);
  const lastSent = useRef(value);
  const settle = useDebouncedCallback((next: string) => {
    lastSent.current = next.trim();
    onSettled(next.trim());
  }, delay);

  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  return (
    <TextInput
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        settle(e.currentTarget.value);
      }}
    />
  );
}
