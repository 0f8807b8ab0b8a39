// Messaging: WhatsApp and email to leads. The lead page's messages and Message action, the
// timeline's message status, the wrap-up's follow-up, the inbox, and the messaging settings.
export { LeadMessages } from './components/LeadMessages';
export { MessageActivity } from './components/MessageActivity';
export { useWrapUpFollowUp, WrapUpFollowUp } from './components/WrapUpFollowUp';

export const loadInboxPage = () => import('./routes/InboxPage').then((m) => m.InboxPage);
export const loadMessagingSettingsPage = () => import('./routes/MessagingSettingsPage').then((m) => m.MessagingSettingsPage);
