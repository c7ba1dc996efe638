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
    expect(onChange).toHaveBeenLastCalledWith({ range: '7d', day: null });
    fireEvent.click(screen.getByRole('button', { name: '24 h' }));
    expect(onChange).toHaveBeenLastCalledWith({ range: null, day: null });
  });

  it('ignores the half-typed years Chrome reports while a date is being typed, and keeps them shown', () => {
    const { onChange, day } = setup();
    for (const partial of ['0002-11-18', '0020-11-18', '0202-11-18']) {
      fireEvent.change(day, { target: { value: partial } });
      expect(day.value).toBe(partial);
    }
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(day, { target: { value: '2026-11-18' } });
    expect(onChange).toHaveBeenCalledWith({ range: null, day: '2026-11-18' });
  });

  it('does not pick a day after today, and clearing the field goes back to the default', () => {
    const { onChange, day } = setup({ kind: 'day', day: '2026-11-20' });
    expect(day.value).toBe('2026-11-20');
    expect(day.max).toBe('2026-11-27');
    fireEvent.change(day, { target: { value: '2026-11-28' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(day, { target: { value: '' } });
    expect(onChange).toHaveBeenCalledWith({ range: null, day: null });
  });
});
