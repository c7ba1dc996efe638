/**
 * The display's own settings, loaded after the first card (a chunk of its own): the theme (it
 * follows the device's light or dark setting under `auto`; public/theme.js has already painted
 * the right one), the night dimming of `?dim=`, and, outside the kiosk modes, the header's
 * language and theme controls.
 */
import { useLocale, useMessages } from '../shared/i18n/i18n.tsx';
import { useNightDim } from '../shared/hooks/use-night-dim.ts';
import { THEME_CHOICES, useTheme, type ThemeChoice } from '../shared/hooks/use-theme.ts';
import { useSearchParams } from '../shared/url/use-search-params.ts';
import { Button } from '../shared/ui/Button.tsx';
import { Select } from '../shared/ui/Select.tsx';
import { shellMessages } from './messages.ts';

export function DisplaySettings({ controls }: { controls: boolean }) {
  const m = useMessages(shellMessages);
  const { lang } = useLocale();
  const [, setParams] = useSearchParams();
  const theme = useTheme();
  useNightDim();
  if (!controls) return null;
  return (
    <>
      <Button onClick={() => setParams({ lang: lang === 'de' ? 'en' : 'de' })} aria-label={m.languageLabel}>
        {m.language}
      </Button>
      <Select
        layout="inline"
        label={m.theme}
        value={theme.choice}
        options={THEME_CHOICES.map((choice) => ({ value: choice, label: { auto: m.themeAuto, light: m.themeLight, dark: m.themeDark }[choice] }))}
        onChange={(choice) => theme.choose(choice as ThemeChoice)}
      />
    </>
  );
}
