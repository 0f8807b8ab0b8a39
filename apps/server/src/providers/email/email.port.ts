/** Sending email: reports now, follow-ups later. One port; SMTP is the adapter. */

export type EmailAttachment = { filename: string; content: Buffer; contentType: string };

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
};

export interface Mailer {
  /** Sends one message; resolves with the server's message id once the server accepted it. */
  send(message: EmailMessage): Promise<{ messageId: string }>;
  /** Closes pooled connections. */
  close(): void;
}
