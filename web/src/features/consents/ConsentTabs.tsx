/**
 * 授权管理's two views, as links (each its own route): the consents I gave (/me/consents) and the
 * consents given to me as a counterparty (/me/consents/received, B24; decision 0042).
 */
import { NavLink } from 'react-router';

export function ConsentTabs() {
  return (
    <nav className="tab-links" aria-label="授权">
      <NavLink to="/me/consents" end>
        我给出的授权
      </NavLink>
      <NavLink to="/me/consents/received">我收到的授权</NavLink>
    </nav>
  );
}
