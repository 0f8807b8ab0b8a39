/** WhatsApp Business (Cloud API): the Graph client, webhook routes and payload reading. */
export { createWhatsAppClient, type SendResult, type TemplateSend, type TextSend, type WhatsAppClient, type WhatsAppClientOptions } from './whatsapp.client.js';
export { RATE_LIMIT_CODES, TRANSIENT_CODES, WhatsAppError, type WhatsAppErrorKind } from './whatsapp.errors.js';
export {
  readWhatsAppEvents,
  WHATSAPP_STATUSES,
  type WhatsAppEvent,
  type WhatsAppInboundEvent,
  type WhatsAppStatus,
  type WhatsAppStatusEvent,
} from './whatsapp.events.js';
export { signWhatsAppBody, verifyWhatsAppSignature } from './whatsapp.signature.js';
export { countVariables, fillBody, parseGraphTemplate, type WhatsAppTemplate } from './whatsapp.templates.js';
export { type WhatsAppWebhookOptions, whatsappWebhookRoutes } from './whatsapp.webhooks.js';
