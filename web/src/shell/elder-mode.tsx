/**
 * 长辈版 (适老化): larger type and higher contrast, through antd's theme tokens (theme.ts) and the
 * `elder` class on <html> for the shell's own CSS. The choice is kept in localStorage, so it holds
 * across visits on the same device.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useState,
} from 'react';

const STORAGE_KEY = 'xinyong.elderMode';

function stored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false; // storage refused (private mode): the standard version
  }
}

type ElderMode = { elder: boolean; setElder: (on: boolean) => void };
const ElderModeContext = createContext<ElderMode>({ elder: false, setElder: () => {} });

export function ElderModeProvider({ children }: { children: ReactNode }) {
  const [elder, setElderState] = useState(stored);
  useLayoutEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
  }, [elder]);
  const setElder = useCallback((on: boolean) => {
    setElderState(on);
    try {
      localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // not kept, still applied
    }
  }, []);
  const value = useMemo(() => ({ elder, setElder }), [elder, setElder]);
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>;
}

export const useElderMode = (): ElderMode => useContext(ElderModeContext);
