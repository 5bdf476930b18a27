import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  headers: Record<string, string>;
  /** The plain-text part, decoded. */
  text: string;
  /** The HTML part, decoded, when the message has one. */
  html?: string;
}

/**
 * A real SMTP server on 127.0.0.1 for tests: keeps what it receives, and can be stopped and started
 * again on the same port (the mail server "going down").
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Addresses starting with "refused" are rejected, as a server refuses an unknown mailbox.
      onRcptTo: (address, _session, callback) => {
        if (address.address.startsWith('refused')) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          parse(
            Buffer.concat(chunks),
            session.envelope.rcptTo.map((r) => r.address),
          ).then((mail) => {
            this.received.push(mail);
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Parsed with mailparser, the way a mail client reads it: headers lower-cased, parts decoded. */
async function parse(raw: Buffer, to: string[]): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  return {
    to,
    headers,
    text: (parsed.text ?? '').replace(/\r\n/g, '\n'),
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
  };
}
