import { Switch } from 'antd';
import { useElderMode } from './elder-mode.tsx';

/** The 长辈版 switch: a labelled button (role=switch), reached with Tab and toggled with Space or Enter. */
export function ElderModeToggle() {
  const { elder, setElder } = useElderMode();
  return (
    <div className="elder-toggle">
      <label htmlFor="elder-mode">长辈版</label>
      <Switch id="elder-mode" checked={elder} onChange={setElder} />
    </div>
  );
}
