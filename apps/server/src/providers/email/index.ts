/** The mailer from config: SMTP when SMTP_URL is set, none otherwise. */
import type { Config } from '../../config.js';
import type { Mailer } from './email.port.js';
import { createSmtpMailer } from './smtp.mailer.js';

export type { EmailAttachment, EmailMessage, Mailer } from './email.port.js';
export { createSmtpMailer, type SmtpOptions } from './smtp.mailer.js';

export function createMailer(email: Config['email']): Mailer | null {
  return email.SMTP_URL ? createSmtpMailer({ url: email.SMTP_URL, from: email.SMTP_FROM }) : null;
}
