/** Key caps as printed on the keyboard (not translated: Indian keyboards print these names). */
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export const KEY_LABELS = {
  space: 'Space',
  enter: 'Enter',
  esc: 'Esc',
  ctrlEnter: isMac ? '⌘ Enter' : 'Ctrl+Enter',
} as const;
