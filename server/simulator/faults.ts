/**
 * Fault injection: rules keyed by (charger or 'all', endpoint or every endpoint). A request sees
 * the union of the rules that match it, so faults combine, and clearing takes effect at once.
 */

export const CHARGER_ENDPOINTS = ['webOperatorLogin', 'generalStatus', 'chargingSession', 'powerProfile'] as const;
export type ChargerEndpoint = (typeof CHARGER_ENDPOINTS)[number];

export const MALFORMED_SECTIONS = ['evses', 'powerManagement', 'connectivity'] as const;
export type MalformedSection = (typeof MALFORMED_SECTIONS)[number];

export interface FaultSettings {
  /** Connection reset: the socket is destroyed without an answer. */
  down?: boolean;
  /** Real milliseconds to wait before answering (or before resetting, with `down`). */
  latencyMs?: number;
  /** HTTP 500 with an IIS-style HTML page. */
  http500?: boolean;
  /** HTTP 200 with truncated JSON. */
  malformedJson?: boolean;
  /** generalStatus only: that section has wrong types, the rest is valid. */
  malformedSection?: MalformedSection;
  /** Statuses, modes, stop reasons and ids types the dashboard has never seen. */
  unknownEnums?: boolean;
  /** webOperatorLogin and chargingSession only: HTTP 200 with this `errorCode`. */
  errorCode?: number;
  errorMessage?: string;
}

export interface FaultRule extends FaultSettings {
  /** A charger id, or 'all'. */
  charger: string;
  /** Restrict to one endpoint; absent = every endpoint of the charger. */
  endpoint?: ChargerEndpoint;
}

export interface FaultController {
  /**
   * Adds to the rule for (charger, endpoint), creating it if needed. A field set to `false`,
   * `0` or `null` removes that fault from the rule. `charger` defaults to 'all'.
   */
  set(rule: FaultSettingsPatch & { charger?: string; endpoint?: ChargerEndpoint }): FaultRule[];
  /**
   * Removes the rules matching both criteria given: `charger` (its rules, not 'all' ones unless
   * 'all' is given) and `endpoint` (rules for that endpoint). With neither, removes every rule.
   */
  clear(charger?: string, endpoint?: ChargerEndpoint): FaultRule[];
  /** One-shot: invalidates every token issued so far by that charger ('all' or absent: every charger). */
  expireTokens(charger?: string): void;
  rules(): FaultRule[];
  /** The union of the matching rules. */
  effective(chargerId: string, endpoint: ChargerEndpoint | null): FaultSettings;
  /** Chargers that are down for every endpoint (what the cluster's `allChargersConnected` sees). */
  isDown(chargerId: string): boolean;
}

/** A patch: like FaultSettings, but each field may be cleared with false / 0 / null. */
export type FaultSettingsPatch = { [K in keyof FaultSettings]?: FaultSettings[K] | null | false | 0 };

export function createFaultController(chargerIds: readonly string[], onExpireTokens: (chargerId: string | null) => void): FaultController {
  let rules: FaultRule[] = [];
  const known = new Set(chargerIds);

  const checkCharger = (charger: string) => {
    if (charger !== 'all' && !known.has(charger)) throw new RangeError(`unknown charger "${charger}" (known: ${chargerIds.join(', ')}, or "all")`);
  };

  const controller: FaultController = {
    set(patch) {
      const charger = patch.charger ?? 'all';
      checkCharger(charger);
      let rule = rules.find((r) => r.charger === charger && r.endpoint === patch.endpoint);
      if (!rule) {
        rule = patch.endpoint ? { charger, endpoint: patch.endpoint } : { charger };
        rules.push(rule);
      }
      const target = rule as unknown as Record<string, unknown>;
      for (const key of FAULT_KEYS) {
        if (!(key in patch)) continue;
        const value = patch[key];
        if (value === null || value === false || value === 0 || value === undefined) delete target[key];
        else target[key] = value;
      }
      rules = rules.filter((r) => FAULT_KEYS.some((key) => r[key] !== undefined));
      return controller.rules();
    },
    clear(charger, endpoint) {
      // Each given criterion narrows what is removed; none given removes every rule.
      rules = rules.filter((r) => (charger !== undefined && r.charger !== charger) || (endpoint !== undefined && r.endpoint !== endpoint));
      return controller.rules();
    },
    expireTokens(charger) {
      if (charger !== undefined) checkCharger(charger);
      onExpireTokens(charger === undefined || charger === 'all' ? null : charger);
    },
    rules() {
      return rules.map((r) => ({ ...r }));
    },
    effective(chargerId, endpoint) {
      const out: FaultSettings = {};
      for (const r of rules) {
        if (r.charger !== 'all' && r.charger !== chargerId) continue;
        if (r.endpoint !== undefined && r.endpoint !== endpoint) continue;
        if (r.down) out.down = true;
        if (r.http500) out.http500 = true;
        if (r.malformedJson) out.malformedJson = true;
        if (r.unknownEnums) out.unknownEnums = true;
        if (r.latencyMs) out.latencyMs = Math.max(out.latencyMs ?? 0, r.latencyMs);
        if (r.malformedSection) out.malformedSection = r.malformedSection;
        if (r.errorCode) {
          out.errorCode = r.errorCode;
          out.errorMessage = r.errorMessage ?? out.errorMessage;
        }
      }
      return out;
    },
    isDown(chargerId) {
      return rules.some((r) => r.down && r.endpoint === undefined && (r.charger === 'all' || r.charger === chargerId));
    },
  };
  return controller;
}

const FAULT_KEYS = ['down', 'latencyMs', 'http500', 'malformedJson', 'malformedSection', 'unknownEnums', 'errorCode', 'errorMessage'] as const;
