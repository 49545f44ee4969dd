import { useEffect } from 'react';

export const SITE_NAME = '信用淮安';

/** Every page names itself in the window title ("红黑名单 - 信用淮安"); the home page is the site's name. */
export function usePageTitle(title?: string): void {
  useEffect(() => {
    document.title = title ? `${title} - ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}
