import { useState } from 'react';
import type { ConnectorFault } from '../../../contract/snapshot.ts';
import { useLocale } from '../../shared/i18n/i18n.tsx';
import { faultWordsIn } from '../../shared/i18n/fault-words.ts';
import { FAULT_BOX, faultColour } from './fault-box.ts';

/**
 * A connector's fault as a household can act on it: what it is ("Fault: Earth fault"), the
 * charger's own text as it sent it, and what to do now, calmer for a warning beside a working
 * state than for a fault. Its own chunk (`FaultNoticeLoader`): the words load only when a fault shows.
 */
export function FaultNotice({ fault, stale = false }: { fault: ConnectorFault; stale?: boolean }) {
  const { lang } = useLocale();
  const words = faultWordsIn(fault, lang);
  // Two lines of it on the card; a tap shows it whole (the card makes room by shrinking its band).
  const [whole, setWhole] = useState(false);
  return (
    <div
      role="alert"
      data-testid="fault-notice"
      data-severity={fault.severity}
      data-expanded={whole ? 'true' : 'false'}
      onClick={() => setWhole((open) => !open)}
      className={`${FAULT_BOX} ${faultColour(fault, stale)}`}
    >
      <p className="font-bold" data-testid="fault-title">
        {words.title === words.label ? words.label : `${words.label}: ${words.title}`}
      </p>
      {/* One paragraph: the charger's text, then what to do, wrapping together (a small screen
          has no line to spare). */}
      <p className={whole ? 'leading-snug' : 'card-fault-text leading-snug'} title={whole ? undefined : [words.detail, words.nextStep].filter(Boolean).join(' ')}>
        {words.detail ? (
          <>
            <span data-testid="fault-detail">{words.detail}</span>
            {/* The charger's text ends where ours begins, with a full stop if it has none. */}
            {/[.!?]$/.test(words.detail) ? ' ' : '. '}
          </>
        ) : null}
        <span data-testid="fault-next-step">{words.nextStep}</span>
      </p>
    </div>
  );
}
