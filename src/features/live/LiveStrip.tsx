/**
 * The installer's corner of the live view (load guard, cluster, connectivity) as a one-line strip
 * that opens by itself the part that explains something needing attention. Its own lazy chunk:
 * the connector cards, which a household reads first, never wait for it.
 */
import { useState } from 'react';
import type { ChargerSnapshot } from '../../../contract/snapshot.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import type { KioskMode } from '../../shared/hooks/use-kiosk.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ConnectivityPanel } from './ConnectivityPanel.tsx';
import { attentionReasons, type Attention } from './attention.ts';
import { PowerManagementPanel } from './PowerManagementPanel.tsx';
import { stripMessages } from './strip-messages.ts';

/** What opens the power-management part of the strip (broken data opens connectivity too). */
const POWER_ATTENTION: readonly Attention[] = ['meter-disconnected', 'building-near-limit', 'cluster-near-limit', 'members-disconnected', 'section-broken'];

interface LiveStripProps {
  snapshot: ChargerSnapshot;
  /** Some connector reports a fault. */
  fault: boolean;
  stale: boolean;
  kiosk: KioskMode;
  sectionError: (detail: string) => { headline: string; detail: string };
}

export function LiveStrip({ snapshot: data, fault, stale, kiosk, sectionError }: LiveStripProps) {
  const m = useMessages(stripMessages);
  const [opened, setOpened] = useState(false);
  const attention = attentionReasons({ fault, offline: stale, powerManagement: data.powerManagement, connectivity: data.connectivity });
  // Each part opens for what it can explain; offline is said by the banner and the cards, a fault
  // and what to do about it by the card itself.
  const openPower = opened || attention.some((a) => POWER_ATTENTION.includes(a));
  const openLinks = opened || attention.includes('section-broken');
  const expanded = openPower || openLinks;
  return (
    <div className="@container min-w-0" data-testid="live-strip" data-expanded={expanded} data-attention={attention.join(' ') || undefined}>
      <div className="grid gap-[clamp(0.5rem,1.2vmin,1rem)] @3xl:grid-cols-2">
        {openPower ? <PowerManagementPanel section={data.powerManagement} sectionError={sectionError} /> : null}
        {openLinks ? <ConnectivityPanel section={data.connectivity} sectionError={sectionError} /> : null}
        {openPower && openLinks ? null : (
          <div className="flex flex-wrap items-center gap-x-6 gap-y-1 rounded-2xl border border-border bg-panel px-4 py-1 @3xl:col-span-2">
            {openPower ? null : <PowerManagementPanel section={data.powerManagement} sectionError={sectionError} compact />}
            {openLinks ? null : <ConnectivityPanel section={data.connectivity} sectionError={sectionError} compact />}
            {kiosk === 'locked' || expanded ? null : (
              <Button variant="link" className="ml-auto" aria-expanded={false} onClick={() => setOpened(true)}>
                {m.details}
              </Button>
            )}
          </div>
        )}
      </div>
      {opened && attention.length === 0 && kiosk !== 'locked' ? (
        <Button variant="link" className="mt-1" aria-expanded onClick={() => setOpened(false)}>
          {m.lessDetails}
        </Button>
      ) : null}
    </div>
  );
}
