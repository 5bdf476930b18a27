/** One message as the transport sends it. */
export interface MailEnvelope {
  /** Stable per outbox row (`<outbox-id@domain>`): a receiver can drop a repeat of the same message. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Where messages go. `delivers: false` is the embedded default without SMTP: messages stay in the
 * outbox as `held`, shown on the console's Mail page instead of being sent.
 */
export interface Transport {
  readonly delivers: boolean;
  send(mail: MailEnvelope): Promise<{ providerMessageId: string | null }>;
  close(): void;
}

export const heldTransport: Transport = {
  delivers: false,
  send: async () => {
    throw new Error('No SMTP server is configured: messages are held in the outbox.');
  },
  close: () => undefined,
};

/** Messages a delivery job sends at once; the SMTP transport keeps as many pooled connections. */
export const sendsInFlight = 4;
