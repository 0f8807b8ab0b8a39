/**
 * Reads a delivery status notification (RFC 3464: a multipart/report whose
 * message/delivery-status part has per-recipient fields), as an MTA hands it over when mail
 * bounces. Only the fields a bounce needs: Final-Recipient (or Original-Recipient), Status,
 * Diagnostic-Code, and the bounced message's Message-ID (from Original-Message-ID, or the
 * returned headers).
 */

export type Dsn = { recipient: string; status: string; diagnostic?: string; messageId?: string };

const field = (text: string, name: string): string | undefined => {
  // Header folding: a continuation line starts with white space.
  const m = text.match(new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return m?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
};

export function parseDsn(text: string): Dsn | null {
  const recipientField = field(text, 'Final-Recipient') ?? field(text, 'Original-Recipient');
  const recipient = recipientField?.replace(/^rfc822;\s*/i, '').trim();
  const status = field(text, 'Status')?.match(/\b[245]\.\d{1,3}\.\d{1,3}\b/)?.[0];
  if (!recipient || !status) return null;
  const diagnostic = field(text, 'Diagnostic-Code')?.replace(/^smtp;\s*/i, '');
  // The report's own Message-ID comes first; the returned message's headers come last.
  const returned = [...text.matchAll(/^Message-ID:[ \t]*(\S+)/gim)].pop()?.[1];
  const messageId = field(text, 'Original-Message-ID') ?? returned;
  return { recipient, status, ...(diagnostic ? { diagnostic } : {}), ...(messageId ? { messageId } : {}) };
}
