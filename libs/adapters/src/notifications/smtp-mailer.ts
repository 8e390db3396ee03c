import { createTransport, type Transporter } from 'nodemailer';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export interface SmtpMailerOptions {
  /** smtp://[user:pass@]host:port (STARTTLS when offered) or smtps://… (TLS from the start). */
  readonly url: string;
  readonly from: string;
  readonly timeoutMs?: number;
}

/** Email over SMTP (nodemailer): the local dev mailbox in local mode, the organisation's relay in azure mode. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpMailerOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    this.transport = createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: this.options.from, to: message.to, subject: message.subject, text: message.text, ...(message.headers && { headers: { ...message.headers } }),
    });
    const rejected = (info.rejected as unknown[]).length;
    if (rejected > 0) throw new Error(`the SMTP server refused the recipient (${String(info.response)})`);
    return { messageId: String(info.messageId) };
  }

  close(): void {
    this.transport.close();
  }
}
