import type { ChargerInfo } from '../../api/server-schemas.ts';
import { useKiosk } from '../../shared/hooks/use-kiosk.ts';
import { settingsKey, useSettings } from './api/settings-query.ts';
import { PriceSettings } from './PriceSettings.tsx';
import { SettingsAccess } from './SettingsAccess.tsx';
import { ZoneSettings } from './ZoneSettings.tsx';

/**
 * The settings the server keeps for every screen: prices, each charger's time zone, and why this
 * screen may not change them when it may not. A kiosk display shows none of it (and its page sends
 * no settings: src/api/http.ts). The forms are remounted when the server's values change, so
 * their fields show what now applies.
 */
export function HouseholdSettings({ chargers }: { chargers: ChargerInfo[] }) {
  const settings = useSettings();
  const kiosk = useKiosk();
  if (!settings.loaded || kiosk) return null;
  return (
    <>
      <PriceSettings
        key={settingsKey(settings.pricing, settings.currency, settings.isDefault)}
        pricing={settings.pricing}
        currency={settings.currency}
        isDefault={settings.isDefault}
        pinRequired={settings.pinRequired}
        writable={settings.writableFromHere}
        readOnlyReason={settings.readOnlyReason}
      />
      <ZoneSettings
        key={JSON.stringify(settings.timeZones)}
        chargers={chargers}
        timeZones={settings.timeZones}
        zoneWarning={settings.zoneWarning}
        writable={settings.writableFromHere}
        pinRequired={settings.pinRequired}
      />
      <SettingsAccess readOnlyReason={settings.readOnlyReason} />
    </>
  );
}
