import { useCallback, useEffect, useRef } from 'react';

const fullscreenAvailable = () =>
  typeof document !== 'undefined' && document.fullscreenEnabled && typeof document.documentElement.requestFullscreen === 'function';

/**
 * The wall screen: the whole display when the browser allows it (Fullscreen API), else the page
 * alone over the navigation. Esc leaves it either way: the browser's own Esc ends full screen,
 * which ends the wall; without full screen the page listens for Esc itself (unless a menu or
 * dialog took that Esc to close itself).
 */
export function useWallMode(wall: boolean, setWall: (on: boolean) => void) {
  const ours = useRef(false);

  const enter = useCallback(() => {
    setWall(true);
    if (!fullscreenAvailable() || document.fullscreenElement) return;
    document.documentElement.requestFullscreen().then(
      () => {
        ours.current = true;
      },
      // Refused (a policy, an iframe): the wall still covers the page.
      () => undefined,
    );
  }, [setWall]);

  const exit = useCallback(() => {
    setWall(false);
    // Only the wall asks for the whole page in full screen: leave it whoever's promise settled first.
    if (document.fullscreenElement === document.documentElement) void document.exitFullscreen().catch(() => undefined);
    ours.current = false;
  }, [setWall]);

  useEffect(() => {
    if (!wall) return;
    const onFullscreen = () => {
      if (!document.fullscreenElement && ours.current) {
        ours.current = false;
        setWall(false);
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) exit();
    };
    document.addEventListener('fullscreenchange', onFullscreen);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreen);
      window.removeEventListener('keydown', onKey);
    };
  }, [wall, exit, setWall]);

  // Leaving the page leaves full screen too.
  useEffect(
    () => () => {
      if (ours.current && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    },
    [],
  );

  return { enter, exit };
}
