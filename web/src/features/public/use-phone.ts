import { useSyncExternalStore } from 'react';

/** Below antd's md breakpoint (768 px): a phone, where tables become lists (issue 17: 375 px). */
const PHONE = '(max-width: 767.98px)';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/** Whether the page is as narrow as a phone, known from the first render (no table flashing first). */
export function usePhone(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE).matches,
    () => false,
  );
}
