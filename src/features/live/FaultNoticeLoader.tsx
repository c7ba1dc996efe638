import { lazy } from 'react';
import type { ConnectorFault } from '../../../contract/snapshot.ts';
import { LazyPart } from '../../shared/ui/LazyPart.tsx';

// The fault words are a chunk of their own: a screen without a fault never downloads them.
const FaultNotice = lazy(() => import('./FaultNotice.tsx').then((m) => ({ default: m.FaultNotice })));

/**
 * The fault notice; until its words are in, the severity and the charger's own text in the same
 * box (`FaultNotice` keeps the same look): a fault is never hidden behind a download.
 */
export function FaultNoticeLoader({ fault, label }: { fault: ConnectorFault; /** "Fault" or "Warning" in the page's language. */ label: string }) {
  return (
    <LazyPart
      fallback={
        <div role="alert" className={`rounded-xl px-4 py-2 text-surface ${fault.severity === 'fault' ? 'bg-error' : 'bg-warn'}`}>
          <p className="stat-md font-bold">{label}</p>
          {fault.text}
        </div>
      }
    >
      <FaultNotice fault={fault} />
    </LazyPart>
  );
}
