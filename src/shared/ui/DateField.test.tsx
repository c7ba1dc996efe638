/** @vitest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider, type Lang } from '../i18n/i18n.tsx';
import { DateField } from './DateField.tsx';
import { TOUCH } from './touch.ts';

afterEach(cleanup);

function mount(lang: Lang, initial: string | null, props: { min?: string; max?: string } = {}) {
  const changes: (string | null)[] = [];
  function Host() {
    const [value, setValue] = useState(initial);
    return (
      <DateField
        label={lang === 'de' ? 'Von' : 'From'}
        value={value}
        onChange={(next) => {
          changes.push(next);
          setValue(next);
        }}
        {...props}
      />
    );
  }
  render(
    <LocaleProvider value={{ lang, locale: lang === 'de' ? 'de-DE' : 'en-GB' }}>
      <Host />
    </LocaleProvider>,
  );
  return { changes, user: userEvent.setup() };
}

describe('DateField', () => {
  it('shows the day as the page’s language writes it', () => {
    mount('de', '2026-11-30');
    expect(screen.getByLabelText('Von')).toHaveValue('30.11.2026');
    cleanup();
    mount('en', '2026-11-30');
    expect(screen.getByLabelText('From')).toHaveValue('30/11/2026');
  });

  it('takes a typed day as soon as it is whole, and shows it in the language’s form on leaving', async () => {
    const { changes, user } = mount('de', '2026-11-30');
    const field = screen.getByLabelText('Von');
    await user.clear(field);
    await user.type(field, '1.2.2026');
    expect(changes).toEqual(['2026-02-01']);
    await user.tab();
    expect(field).toHaveValue('01.02.2026');
  });

  it('flags what it cannot read when the field is left or on Enter, and changes nothing', async () => {
    const { changes, user } = mount('de', '2026-11-30');
    const field = screen.getByLabelText('Von');
    await user.clear(field);
    await user.type(field, '31.04.2026');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Datum wie 30.11.2026 eingeben.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('Datum wie 30.11.2026 eingeben.');
    expect(field).toHaveValue('31.04.2026');
    expect(changes).toEqual([]);
  });

  it('refuses a day outside min and max with the limit in the language’s form', async () => {
    const { changes, user } = mount('en', null, { max: '2026-11-30' });
    await user.type(screen.getByLabelText('From'), '01/12/2026');
    await user.tab();
    expect(screen.getByRole('alert')).toHaveTextContent('Choose 30/11/2026 or earlier.');
    expect(changes).toEqual([]);
  });

  it('an emptied field clears the day', async () => {
    const { changes, user } = mount('en', '2026-11-30');
    await user.clear(screen.getByLabelText('From'));
    await user.tab();
    expect(changes).toEqual([null]);
  });

  it('opens the browser’s picker from a 44 px calendar button, and takes the picked day', async () => {
    const { changes, user } = mount('de', '2026-11-30');
    const showPicker = vi.fn();
    const picker = document.querySelector<HTMLInputElement>('input[type=date]')!;
    picker.showPicker = showPicker;
    // Out of sight and out of the tab order: the text field and the button are the controls.
    expect(picker).toHaveAttribute('tabindex', '-1');
    expect(picker).toHaveAttribute('aria-hidden', 'true');
    expect(picker).toHaveValue('2026-11-30');
    const button = screen.getByRole('button', { name: 'Von: im Kalender wählen' });
    for (const cls of TOUCH.split(' ')) expect(button).toHaveClass(cls);
    await user.click(button);
    expect(showPicker).toHaveBeenCalledOnce();
    fireEvent.change(picker, { target: { value: '2026-11-03' } });
    expect(changes).toEqual(['2026-11-03']);
    expect(screen.getByLabelText('Von')).toHaveValue('03.11.2026');
  });

  it('is reached by the keyboard: the field, then the calendar button', async () => {
    const { user } = mount('en', '2026-11-30');
    await user.tab();
    expect(screen.getByLabelText('From')).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'From: choose from a calendar' })).toHaveFocus();
  });
});
