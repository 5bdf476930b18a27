import { useEffect } from 'react';

const question = 'Leave this page? Your unsaved changes to this template will be lost.';

/**
 * Warns before unsaved edits are lost: the browser's own prompt when the tab is closed or reloaded, and
 * a confirm for a link inside the console. The router in use (BrowserRouter) cannot block navigation,
 * so same-origin link clicks are caught on the window, in the capture phase, before the router sees them.
 */
export function useUnsavedChangesGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers only prompt when returnValue is set; the text itself is never shown.
      event.returnValue = '';
    };
    const click = (event: MouseEvent) => {
      // A click that opens another tab or window leaves this page as it is.
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
      const to = new URL(link.href, window.location.href);
      if (to.origin !== window.location.origin) return;
      if (to.pathname === window.location.pathname && to.search === window.location.search) return;
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('click', click, true);
    };
  }, [dirty]);
}
