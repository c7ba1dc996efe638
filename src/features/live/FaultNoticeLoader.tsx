import { lazy } from 'react';
import type { ConnectorFault } from '../../../contract/snapshot.ts';
import { LazyPart } from '../../shared/ui/LazyPart.tsx';
import { FAULT_BOX, faultColour } from './fault-box.ts';

// The fault words are a chunk of their own: a screen without a fault never downloads them.
const FaultNotice = lazy(() => import('./FaultNotice.tsx').then((m) => ({ default: m.FaultNotice })));

/**
 * The fault notice; until its words are in, the severity and the charger's own text in the same
 * box (`FaultNotice` keeps the same look): a fault is never hidden behind a download.
 */
export function FaultNoticeLoader({ fault, label, stale = false }: { fault: ConnectorFault; /** "Fault" or "Warning" in the page's language. */ label: string; stale?: boolean }) {
  return (
    <LazyPart
      fallback={
        <div role="alert" className={`${FAULT_BOX} ${faultColour(fault, stale)}`}>
          <p className="font-bold">{label}</p>
          {fault.text ? <p className="card-fault-text">{fault.text}</p> : null}
        </div>
      }
    >
      <FaultNotice fault={fault} stale={stale} />
    </LazyPart>
  );
}
