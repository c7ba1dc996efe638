import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { describeIssue } from './describe-issue.ts';
import { parseLiveStatus } from './live-status.ts';
import { problemReasonDe } from './problem-reasons.de.ts';

describe('a part of a reading that could not be read, in German', () => {
  it('keeps the path and words the expected type', () => {
    const issue = z.object({ power: z.number() }).safeParse({ power: 'x' });
    expect(issue.success).toBe(false);
    if (!issue.success) expect(problemReasonDe(describeIssue(issue.error, 'evses[0].connectors[0].onlineData'))).toBe('evses[0].connectors[0].onlineData.power: erwartet: Zahl');
    expect(problemReasonDe('expected array')).toBe('erwartet: Liste');
    expect(problemReasonDe('unexpected data')).toBe('unerwartete Daten');
    expect(problemReasonDe('evses[0].connectors[0].onlineData.chargingDuration: not a duration: "soon"')).toBe('evses[0].connectors[0].onlineData.chargingDuration: keine Dauer: "soon"');
  });

  it('words what the live status parser says of a malformed section', () => {
    const status = parseLiveStatus({ evses: [{ evseId: 1, connectors: [{ connectorId: 1, onlineData: { status: 'Charging', power: 'lots' } }] }] });
    const errors = Object.values(status).flatMap((section) => (section && typeof section === 'object' && 'ok' in section && section.ok === false ? [section.error] : []));
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(problemReasonDe(error), error).not.toBeNull();
  });

  it('leaves out what it cannot word', () => {
    expect(problemReasonDe('evses[0].mode: invalid value')).toBeNull();
  });
});
