/** A role as people read it: its label, or its key when the label is not known. */
export const roleLabel = (key: string, label?: string) => label ?? key;
