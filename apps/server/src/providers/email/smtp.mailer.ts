/**
 * Email over SMTP with nodemailer: smtp:// (STARTTLS when the server offers it) or smtps://
 * (TLS from the start), credentials in the URL. A message the server refuses rejects with the
 * server's reply, so a scheduled report records why it was not sent.
 */
import nodemailer from 'nodemailer';
import type { EmailMessage, Mailer } from './email.port.js';

export type SmtpOptions = {
  url: string;
  from: string;
  /** Give up on a server that does not answer within this long. */
  timeoutMs?: number;
};

export function createSmtpMailer(opts: SmtpOptions): Mailer {
  const u = new URL(opts.url);
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
    secure: u.protocol === 'smtps:',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(m: EmailMessage) {
      const info = await transport.sendMail({
        from: opts.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        attachments: m.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
