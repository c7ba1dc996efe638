/**
 * Today on this charger, in one line of events: plugged in 18:04 · charging · paused by car ·
 * finished 07:39 · unplugged, with faults and the charger being away marked. Read from the
 * server's archive, so it holds the whole day even on a tablet that was switched on at noon.
 */
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error.ts';
import { memo, useEffect, useMemo } from 'react';
import type { ChargerSnapshot } from '../../../contract/snapshot.ts';
import { snapshotQuery } from '../../api/queries.ts';
import { useFormat } from '../../shared/format/use-format.ts';
import { useNow } from '../../shared/hooks/use-now.ts';
import { useLocale, useMessages } from '../../shared/i18n/i18n.tsx';
import { Panel } from '../../shared/ui/Panel.tsx';
import { useTimeZone } from '../../shared/time/time-zone-context.tsx';
import { isoDay, timelineQuery } from './api/timeline-query.ts';
import { faultWordTables } from '../../shared/i18n/fault-words.ts';
import { serverReasons } from '../../shared/ui/error-text.ts';
import { eventLabels, timelineMessages } from './messages.ts';
import { timelineItems, type TimelineItem } from './timeline-items.ts';

/** The connectors' states and faults as one text: it changes exactly when one of them does. */
const statusSignature = (snapshot: ChargerSnapshot) =>
  snapshot.connectors.ok ? snapshot.connectors.data.map((c) => `${c.key}:${c.state.kind}:${c.state.raw ?? ''}:${c.fault?.type ?? ''}:${c.fault?.text ?? ''}`).join(',') : '';
const zoneOf = (snapshot: ChargerSnapshot) => snapshot.zone;

/** Memoised: the live view re-renders with every reading; the timeline reads the status itself. */
export const TodayTimeline = memo(function TodayTimeline({ chargerId }: { chargerId: string }) {
  const m = useMessages(timelineMessages);
  const { lang } = useLocale();
  const fmt = useFormat();
  const pageZone = useTimeZone();
  // Today is the charger's day, whatever the tablet's zone.
  const zone = useQuery({ ...snapshotQuery(chargerId), select: zoneOf }).data ?? pageZone;
  // A minute is soon enough for the day to roll over at midnight.
  const day = isoDay(useNow(60_000), zone);
  const timeline = useQuery(timelineQuery(chargerId, day));
  const { refetch } = timeline;

  // The live view already keeps the status: when a connector changes state there is a new event
  // to show, so read the day again at once instead of waiting for the next refresh.
  const signature = useQuery({ ...snapshotQuery(chargerId), select: statusSignature }).data;
  useEffect(() => {
    if (signature !== undefined) void refetch();
  }, [signature, refetch]);

  const items = useMemo(
    () => (timeline.data ? timelineItems(timeline.data.events, { labels: eventLabels[lang], faults: faultWordTables[lang], reason: serverReasons[lang].words }) : null),
    [timeline.data, lang],
  );

  // A server without an archive keeps no events: there is no timeline to show, and nothing wrong.
  if (isApiError(timeline.error) && timeline.error.code === 'archive_off') return null;

  return (
    <Panel title={m.title} testId="timeline">
      {items === null ? (
        <p className="text-sm text-muted">{timeline.isError ? m.failed : m.loading}</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-muted" data-testid="timeline-empty">
          {m.nothing}
        </p>
      ) : (
        <ol aria-label={m.label} className="flex flex-wrap items-baseline gap-x-1 gap-y-1 text-base">
          {items.map((item, index) => (
            <TimelineEntry key={item.key} item={item} first={index === 0} time={fmt.time(item.at)} connectorName={item.connectorId === null ? null : m.connector(item.connectorId)} />
          ))}
        </ol>
      )}
      {timeline.data && timeline.data.source !== 'archive' ? <p className="mt-1 text-xs text-muted">{m.fromCharger}</p> : null}
      {items !== null && timeline.isError ? <p className="mt-1 text-xs text-warn">{m.failed}</p> : null}
    </Panel>
  );
});

function TimelineEntry({ item, first, time, connectorName }: { item: TimelineItem; first: boolean; time: string; connectorName: string | null }) {
  const tone = item.tone === 'problem' ? 'font-semibold text-warn' : item.tone === 'resolved' ? 'text-charging' : 'text-text';
  return (
    <li data-testid="timeline-event" data-kind={item.kind} data-tone={item.tone} className="flex items-baseline gap-1">
      {first ? null : (
        <span aria-hidden className="px-1 text-muted">
          ·
        </span>
      )}
      {item.tone === 'problem' ? <span aria-hidden>⚠</span> : null}
      <span className={tone}>
        {connectorName ? <span className="text-muted">{connectorName}: </span> : null}
        {item.text}
      </span>
      <time dateTime={new Date(item.at).toISOString()} className="tabular-nums text-muted">
        {time}
      </time>
    </li>
  );
}
