/**
 * The settings the product edits, each with the control that suits it. The server checks every
 * value as it checks its environment variable (apps/server/src/config.ts); the controls here keep
 * people to values it takes, and say why in the interface language when they are not.
 */
import type { DurationUnit } from './durations';

/** The words of a field: orgSettings.fields.<key>.label and .help. */
export type FieldKey =
  | 'sla'
  | 'dndCategory'
  | 'callingHours'
  | 'maxAttempts'
  | 'consent'
  | 'alertLongCall'
  | 'alertIdle'
  | 'alertBreak'
  | 'alertCallbackOverdue'
  | 'alertConnectDrop'
  | 'alertConnectMinCalls'
  | 'crmUrl'
  | 'crmToken'
  | 'crmTimeout'
  | 'crmRetries'
  | 'crmTimeZone'
  | 'crmSyncInterval'
  | 'mysqlUrl'
  | 'mysqlSyncInterval'
  | 'amqpUrl'
  | 'amqpQueue'
  | 'accountSid'
  | 'authToken'
  | 'apiKey'
  | 'apiToken'
  | 'callerId';

type Base = { name: string; key: FieldKey };

export type FieldSpec =
  | (Base & { control: 'duration'; units: readonly DurationUnit[] })
  /** A share (0..1) entered as a percentage. */
  | (Base & { control: 'percent' })
  | (Base & { control: 'integer'; min: number; max: number })
  /** A TRAI preference category, 1-8. */
  | (Base & { control: 'category' })
  /** HH:MM-HH:MM, entered as two times. */
  | (Base & { control: 'hours' })
  | (Base & { control: 'switch' })
  | (Base & { control: 'url'; schemes: readonly string[]; placeholder: string })
  /** Never shown; replaced when something is typed, kept when left blank. */
  | (Base & { control: 'secret'; schemes?: readonly string[]; placeholder?: string })
  | (Base & { control: 'text'; placeholder?: string })
  | (Base & { control: 'timeZone' });

const MINUTES_HOURS: readonly DurationUnit[] = ['m', 'h'];

export const WORKLOAD_FIELDS: readonly FieldSpec[] = [{ name: 'TELEHUB_ASSIGNMENT_SLA', key: 'sla', control: 'duration', units: ['m', 'h', 'd'] }];

export const COMPLIANCE_FIELDS: readonly FieldSpec[] = [
  { name: 'TELEHUB_DND_CATEGORY', key: 'dndCategory', control: 'category' },
  { name: 'TELEHUB_CALLING_HOURS', key: 'callingHours', control: 'hours' },
  { name: 'TELEHUB_MAX_ATTEMPTS_PER_DAY', key: 'maxAttempts', control: 'integer', min: 1, max: 50 },
  { name: 'TELEHUB_CONSENT_REQUIRED', key: 'consent', control: 'switch' },
];

export const ALERT_FIELDS: readonly FieldSpec[] = [
  { name: 'TELEHUB_ALERT_LONG_CALL', key: 'alertLongCall', control: 'duration', units: MINUTES_HOURS },
  { name: 'TELEHUB_ALERT_IDLE', key: 'alertIdle', control: 'duration', units: MINUTES_HOURS },
  { name: 'TELEHUB_ALERT_BREAK', key: 'alertBreak', control: 'duration', units: MINUTES_HOURS },
  { name: 'TELEHUB_ALERT_CALLBACK_OVERDUE', key: 'alertCallbackOverdue', control: 'duration', units: MINUTES_HOURS },
  { name: 'TELEHUB_ALERT_CONNECT_DROP', key: 'alertConnectDrop', control: 'percent' },
  { name: 'TELEHUB_ALERT_CONNECT_MIN_CALLS', key: 'alertConnectMinCalls', control: 'integer', min: 1, max: 10_000 },
];

export const LARAVEL_FIELDS: readonly FieldSpec[] = [
  { name: 'LARAVEL_CRM_URL', key: 'crmUrl', control: 'url', schemes: ['http', 'https'], placeholder: 'https://crm.example.com' },
  { name: 'LARAVEL_CRM_TOKEN', key: 'crmToken', control: 'secret' },
  { name: 'LARAVEL_CRM_TIMEOUT', key: 'crmTimeout', control: 'duration', units: ['s', 'm'] },
  { name: 'LARAVEL_CRM_RETRIES', key: 'crmRetries', control: 'integer', min: 1, max: 20 },
  { name: 'LARAVEL_CRM_TIMEZONE', key: 'crmTimeZone', control: 'timeZone' },
  { name: 'LARAVEL_SYNC_INTERVAL', key: 'crmSyncInterval', control: 'duration', units: MINUTES_HOURS },
];

export const MYSQL_FIELDS: readonly FieldSpec[] = [
  {
    name: 'LEGACY_MYSQL_URL',
    key: 'mysqlUrl',
    control: 'secret',
    schemes: ['mysql', 'mariadb'],
    placeholder: 'mysql://reader:password@db.example.com:3306/crm',
  },
  { name: 'LEGACY_MYSQL_SYNC_INTERVAL', key: 'mysqlSyncInterval', control: 'duration', units: MINUTES_HOURS },
];

/** The telephony account of the provider the server runs (TELEPHONY_PROVIDER), which only the environment chooses. */
export const TELEPHONY_FIELDS: Record<'twilio' | 'exotel', readonly FieldSpec[]> = {
  twilio: [
    { name: 'TWILIO_ACCOUNT_SID', key: 'accountSid', control: 'text', placeholder: 'AC…' },
    { name: 'TWILIO_AUTH_TOKEN', key: 'authToken', control: 'secret' },
    { name: 'TWILIO_CALLER_ID', key: 'callerId', control: 'text', placeholder: '+918045671234' },
  ],
  exotel: [
    { name: 'EXOTEL_ACCOUNT_SID', key: 'accountSid', control: 'text' },
    { name: 'EXOTEL_API_KEY', key: 'apiKey', control: 'secret' },
    { name: 'EXOTEL_API_TOKEN', key: 'apiToken', control: 'secret' },
    { name: 'EXOTEL_CALLER_ID', key: 'callerId', control: 'text', placeholder: '08045671234' },
  ],
};

export const AMQP_FIELDS: readonly FieldSpec[] = [
  { name: 'LARAVEL_AMQP_URL', key: 'amqpUrl', control: 'secret', schemes: ['amqp', 'amqps'], placeholder: 'amqps://telehub:password@mq.example.com/crm' },
  { name: 'LARAVEL_AMQP_QUEUE', key: 'amqpQueue', control: 'text', placeholder: 'telehub.leads' },
];
