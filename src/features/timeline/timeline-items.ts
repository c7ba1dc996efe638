/**
 * A day's events as the timeline shows them: in time order, each with its words, faults and the
 * charger being away marked as problems, the connector named only when the charger has several.
 */
import type { TimelineEvent } from '../../api/archive-schemas.ts';
import { faultWords, parseFaultDetail, type FaultWordTable } from '../../../contract/fault-vocabulary.ts';
import { humanizeName } from '../../../contract/state-vocabulary.ts';

export type EventTone = 'problem' | 'resolved' | 'normal';

export interface TimelineItem {
  key: string;
  at: number;
  kind: string;
  /** The event in words: `plugged in`, `fault: Earth fault` … */
  text: string;
  tone: EventTone;
  /** Set when several connectors appear in the day. */
  connectorId: number | null;
}

/** The words of the page's language. */
export interface TimelineWords {
  /** The event kinds; a kind not listed is humanized (a newer server may add some). */
  labels: Partial<Record<string, string>>;
  /** How a fault's type is named (the fault vocabulary). */
  faults: FaultWordTable;
  /** The server's reason for an outage (an English sentence) in the page's language; '' when there are no words for it. */
  reason: (message: string) => string;
}

const PROBLEMS = new Set(['fault', 'unreachable', 'load_guard_disconnected']);
const RESOLVED = new Set(['fault_cleared', 'reachable', 'load_guard_connected']);
const FAULTS = new Set(['fault', 'fault_cleared']);

/**
 * What an event's detail adds: a fault's name (its type in the fault vocabulary's words, else the
 * charger's text), why the charger was away, in the page's language; a state the vocabulary does
 * not know is named by itself. Nothing raw or English beyond that.
 */
function detailWords(event: TimelineEvent, words: TimelineWords): string | null {
  if (!event.detail) return null;
  if (FAULTS.has(event.kind)) {
    const fault = parseFaultDetail(event.detail);
    if (fault.type === null) return fault.text;
    return faultWords({ severity: 'fault', ...fault }, words.faults).title;
  }
  if (event.kind === 'unreachable' || event.kind === 'reachable') return words.reason(event.detail) || null;
  return null;
}

export function timelineItems(events: readonly TimelineEvent[], words: TimelineWords): TimelineItem[] {
  const connectors = new Set(events.flatMap((e) => (e.connectorId === undefined ? [] : [e.connectorId])));
  return [...events]
    .sort((a, b) => a.at - b.at)
    .map((event, index) => {
      // A state the vocabulary does not know is named by itself, in its own words.
      const word = event.kind === 'status' && event.detail ? humanizeName(event.detail) : (words.labels[event.kind] ?? humanizeName(event.kind).toLowerCase());
      const detail = event.kind === 'status' ? null : detailWords(event, words);
      return {
        key: `${event.at}:${event.kind}:${event.connectorId ?? 0}:${index}`,
        at: event.at,
        kind: event.kind,
        text: detail ? `${word}: ${detail}` : word,
        tone: PROBLEMS.has(event.kind) ? 'problem' : RESOLVED.has(event.kind) ? 'resolved' : 'normal',
        connectorId: connectors.size > 1 && event.connectorId !== undefined ? event.connectorId : null,
      };
    });
}
