/**
 * A day's events as the timeline shows them: in time order, each with its words, faults and the
 * charger being away marked as problems, the connector named only when the charger has several.
 */
import type { TimelineEvent } from '../../api/archive-schemas.ts';
import { humanizeName } from '../../../contract/state-vocabulary.ts';

export type EventTone = 'problem' | 'resolved' | 'normal';

export interface TimelineItem {
  key: string;
  at: number;
  kind: string;
  /** The event in words: `plugged in`, `fault: Overcurrent` … */
  text: string;
  tone: EventTone;
  /** Set when several connectors appear in the day. */
  connectorId: number | null;
}

const PROBLEMS = new Set(['fault', 'unreachable', 'load_guard_disconnected']);
const RESOLVED = new Set(['fault_cleared', 'reachable', 'load_guard_connected']);

export function timelineItems(events: readonly TimelineEvent[], labels: Partial<Record<string, string>>): TimelineItem[] {
  const connectors = new Set(events.flatMap((e) => (e.connectorId === undefined ? [] : [e.connectorId])));
  return [...events]
    .sort((a, b) => a.at - b.at)
    .map((event, index) => {
      // A state the vocabulary does not know is named by itself, in its own words.
      const word = event.kind === 'status' && event.detail ? humanizeName(event.detail) : (labels[event.kind] ?? humanizeName(event.kind).toLowerCase());
      const withDetail = event.kind !== 'status' && event.detail && (PROBLEMS.has(event.kind) || RESOLVED.has(event.kind)) ? `${word}: ${event.detail}` : word;
      return {
        key: `${event.at}:${event.kind}:${event.connectorId ?? 0}:${index}`,
        at: event.at,
        kind: event.kind,
        text: withDetail,
        tone: PROBLEMS.has(event.kind) ? 'problem' : RESOLVED.has(event.kind) ? 'resolved' : 'normal',
        connectorId: connectors.size > 1 && event.connectorId !== undefined ? event.connectorId : null,
      };
    });
}
