/** @vitest-environment jsdom */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../../shared/i18n/i18n.tsx';
import { RangePicker } from './RangePicker.tsx';
import type { PowerRange } from './power-range.ts';

const NOW = new Date(2026, 10, 27, 12, 0).getTime();

function setup(range: PowerRange = { kind: 'last', span: '24h' }) {
  const onChange = vi.fn();
  render(
    <LocaleProvider value={{ lang: 'en', locale: 'en-GB' }}>
      <RangePicker range={range} nowMs={NOW} onChange={onChange} />
    </LocaleProvider>,
  );
  return { onChange, day: screen.getByLabelText('Show one day') as HTMLInputElement };
}

afterEach(cleanup);

describe('RangePicker', () => {
  it('marks the current span and asks for the URL changes of another', () => {
    const { onChange } = setup({ kind: 'last', span: '6h' });
    expect(screen.getByRole('button', { name: '6 h' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    expect(onChange).toHaveBeenLastCalledWith({ range: '7d', day: null, month: null });
    fireEvent.click(screen.getByRole('button', { name: '24 h' }));
    expect(onChange).toHaveBeenLastCalledWith({ range: null, day: null, month: null });
  });

  it('shows the day in the page’s form and takes a typed day once it is whole', () => {
    const { onChange, day } = setup({ kind: 'day', day: '2026-11-20' });
    expect(day.value).toBe('20/11/2026');
    for (const partial of ['18/11/2', '18/11/20', '18/11/202']) {
      fireEvent.change(day, { target: { value: partial } });
      expect(day.value).toBe(partial);
    }
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(day, { target: { value: '18/11/2026' } });
    expect(onChange).toHaveBeenCalledWith({ range: null, day: '2026-11-18', month: null });
  });

  it('does not pick a day after today, and clearing the field goes back to the default', () => {
    const { onChange, day } = setup({ kind: 'day', day: '2026-11-20' });
    fireEvent.change(day, { target: { value: '28/11/2026' } });
    fireEvent.blur(day);
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Choose 27/11/2026 or earlier.');
    fireEvent.change(day, { target: { value: '' } });
    fireEvent.blur(day);
    expect(onChange).toHaveBeenCalledWith({ range: null, day: null, month: null });
  });

  it('names a month opened from its bar, and leaves it for a span', () => {
    const { onChange } = setup({ kind: 'month', month: '2026-10' });
    expect(screen.getByText('October 2026').getAttribute('data-active')).toBe('true');
    expect(screen.queryAllByRole('button', { pressed: true })).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: '12 months' }));
    expect(onChange).toHaveBeenLastCalledWith({ range: '12m', day: null, month: null });
  });

  it('offers the browser’s picker, limited to today', () => {
    setup();
    const picker = document.querySelector<HTMLInputElement>('input[type=date]')!;
    expect(picker.max).toBe('2026-11-27');
    expect(screen.getByRole('button', { name: 'Show one day: choose from a calendar' })).toBeTruthy();
  });
});
