import type nodemailer from 'nodemailer';
import { nodemailer as loadNodemailer } from '../../platform/on-first-use.ts';
import { sendsInFlight, type MailEnvelope, type Transport } from './transport.ts';

/**
 * SMTP through nodemailer. The URL carries host, port, credentials and TLS (`smtps://` for implicit
 * TLS; `smtp://` upgrades with STARTTLS when the server offers it). Timeouts are bounded so that one
 * delivery attempt always ends well within the outbox row's lease (see DeliveryService).
 */
export function smtpTransport(url: string): Transport {
  const transporter = loadNodemailer().createTransport({
    url,
    pool: true,
    // Connections kept open and reused: a new connection per message held delivery to ~10 messages/s
    // (measured against a local server); pooled, ~100 one at a time and more with a send per connection.
    maxConnections: sendsInFlight,
    maxMessages: 500,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    delivers: true,
    async send(mail: MailEnvelope) {
      const info = await transporter.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
      });
      return { providerMessageId: typeof info.response === 'string' ? info.response.slice(0, 500) : null };
    },
    close: () => transporter.close(),
  };
}
