/**
 * The faults that change an answer's body: unknown enum values, one malformed generalStatus
 * section, JSON cut off before its end.
 */

export function withUnknownEnums(body: unknown, endpoint: string): unknown {
  if (endpoint === 'generalStatus' && isRecord(body)) {
    const status = structuredClone(body);
    if (isRecord(status.authorization)) status.authorization.type = 'ChargerWhitelistAndRoaming';
    if (isRecord(status.centralSystem)) status.centralSystem.status = 'Handshaking';
    for (const evse of arrayOf(status.evses)) {
      for (const connector of arrayOf(isRecord(evse) ? evse.connectors : null)) {
        if (!isRecord(connector)) continue;
        connector.type = 'CableType2Turbo';
        if (isRecord(connector.onlineData)) {
          connector.onlineData.status = 'WaitingForGridCapacity';
          connector.onlineData.mode = 'Turbo';
          connector.onlineData.departureTimeMode = 'LearnedFromHabits';
          connector.onlineData.phaseUsed = 'L2';
        }
        if (isRecord(connector.lastSession)) connector.lastSession.chargingSessionStopReason = 'LocalStopBecauseSolarEclipse';
      }
    }
    return status;
  }
  if (endpoint === 'chargingSession' && isRecord(body)) {
    const page = structuredClone(body);
    for (const session of arrayOf(page.content)) {
      if (!isRecord(session)) continue;
      session.chargingMode = 'Turbo';
      session.chargingSessionStatus = session.chargingSessionStatus === 'Finished' ? 'FinishedWithWarnings' : 'PausedByGrid';
      if (session.chargingSessionStopReason !== null) session.chargingSessionStopReason = 'LocalStopBecauseSolarEclipse';
      if (isRecord(session.userIdentification)) {
        session.userIdentification.userIdentificationType = 'NfcSmartWatch';
        session.userIdentification.userIdentificationSource = 'CloudRoaming';
      }
    }
    return page;
  }
  return body;
}

/** Breaks one generalStatus section's types, leaving the rest valid (malformedSection fault). */
export function withMalformedSection(body: unknown, section: string): unknown {
  if (!isRecord(body)) return body;
  const status = structuredClone(body);
  if (section === 'evses') status.evses = [{ evseId: 'one', evseCode: 1, connectors: 5 }];
  else if (section === 'powerManagement') status.powerManagement = 'n/a';
  else if (section === 'connectivity') {
    status.wifi = 'up';
    status.gsm = 0;
    status.latestFaults = 'none';
    status.chargerTotalOperatingTime = 12_345;
  }
  return status;
}

/** A syntactically broken rendering: the JSON cut off before its end (malformedJson fault). */
export function truncatedJson(text: string): string {
  // A strict prefix of a JSON object or array never parses.
  return text.slice(0, Math.max(1, Math.min(text.length - 1, Math.floor(text.length * 0.6))));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

