import { useEffect, useRef } from 'react';

export type KeyContext = {
  /** Focus is in a text field, select or editable area: plain keys belong to it. */
  typing: boolean;
  /** Focus is in a multi-line field: Enter starts a new line there. */
  multiline: boolean;
  /** Focus is on a button or link: Space and Enter press it. */
  onControl: boolean;
  /** Ctrl, Cmd or Alt is held. */
  modified: boolean;
};

/** Inputs that take no typed text: keys pressed on them may be shortcuts. */
const KEYLESS_INPUTS = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'range', 'color', 'file']);

function isTyping(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLInputElement) return !KEYLESS_INPUTS.has(el.type);
  return el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

function contextOf(e: KeyboardEvent): KeyContext {
  const el = e.target instanceof HTMLElement ? e.target : null;
  return {
    typing: isTyping(el),
    multiline: el?.tagName === 'TEXTAREA',
    onControl: !!el?.closest('button, a[href], [role="button"], [role="tab"], summary, audio'),
    modified: e.ctrlKey || e.metaKey || e.altKey,
  };
}

/** A menu, list box or dialog is open: its keys come first. */
const popupOpen = () => document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]') !== null;

/**
 * Page-wide keyboard shortcuts while the calling component is on screen. The handler returns
 * true when it used the key (its default action is then prevented).
 */
export function useShortcuts(handler: (e: KeyboardEvent, ctx: KeyContext) => boolean, enabled = true) {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.isComposing || e.repeat || popupOpen()) return;
      if (ref.current(e, contextOf(e))) e.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
