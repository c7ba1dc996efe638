/** @vitest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Button, buttonClass } from './Button.tsx';
import { Select } from './Select.tsx';
import { Stat } from './Stat.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { ToggleGroup } from './ToggleGroup.tsx';
import { TOUCH } from './touch.ts';

afterEach(cleanup);

describe('Button', () => {
  it('is a plain button at the touch size, never an accidental submit', async () => {
    const onClick = vi.fn();
    render(
      <form onSubmit={() => onClick('submitted')}>
        <Button onClick={() => onClick('clicked')}>Retry</Button>
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Retry' });
    expect(button).toHaveAttribute('type', 'button');
    for (const cls of TOUCH.split(' ')) expect(button).toHaveClass(cls);
    await userEvent.click(button);
    expect(onClick.mock.calls).toEqual([['clicked']]);
  });

  it('gives a router link the same look and size', () => {
    expect(buttonClass('link')).toContain('min-h-11');
    expect(buttonClass('primary', 'mt-2')).toMatch(/text-accent.*mt-2$/);
  });
});

describe('ToggleGroup', () => {
  it('presses the chosen option, and reports another choice', async () => {
    const onChange = vi.fn();
    render(
      <ToggleGroup
        label="Time range"
        value="24h"
        onChange={onChange}
        options={[
          { value: '6h', label: '6 h', data: { 'data-range': '6h' } },
          { value: '24h', label: '24 h' },
        ]}
      />,
    );
    const group = screen.getByRole('group', { name: 'Time range' });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '24 h' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: '6 h' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('button', { name: '6 h' })).toHaveAttribute('data-range', '6h');
    await userEvent.click(screen.getByRole('button', { name: '6 h' }));
    expect(onChange).toHaveBeenCalledWith('6h');
  });

  it('can have nothing pressed (a choice made elsewhere)', () => {
    render(<ToggleGroup label="Range" value={null} onChange={() => {}} options={[{ value: 'a', label: 'A' }]} />);
    expect(screen.getByRole('button', { name: 'A' })).toHaveAttribute('aria-pressed', 'false');
  });
});

describe('Select', () => {
  it('is labelled, and reports the value picked', async () => {
    const onChange = vi.fn();
    render(<Select label="Rows per page" value="25" onChange={onChange} options={['25', '50'].map((v) => ({ value: v, label: v }))} />);
    const select = screen.getByLabelText('Rows per page');
    expect(select).toHaveValue('25');
    await userEvent.selectOptions(select, '50');
    expect(onChange).toHaveBeenCalledWith('50');
  });
});

describe('Stat', () => {
  it('shows "—" for no data, never an empty or zero stand-in', () => {
    render(
      <dl>
        <Stat label="Today" value={null} testId="today" />
        <Stat label="Energy" value="0.0 kWh" hint="since 18:04" testId="energy" />
      </dl>,
    );
    expect(screen.getByTestId('today')).toHaveTextContent('—');
    expect(screen.getByTestId('energy')).toHaveTextContent('0.0 kWh');
    expect(screen.getByText('since 18:04')).toBeInTheDocument();
  });
});

describe('StatusBadge', () => {
  it('says the status with colour, icon and word; stale turns neutral with its label', () => {
    const { rerender } = render(<StatusBadge kind="charging" word="Charging" />);
    const badge = screen.getByText('Charging').closest('[data-kind]')!;
    expect(badge).toHaveAttribute('data-kind', 'charging');
    expect(badge).toHaveClass('bg-charging');
    expect(badge.querySelector('svg')).toHaveAttribute('data-icon', 'charging');
    expect(badge.querySelector('svg')).toHaveClass('status-flow');
    rerender(<StatusBadge kind="charging" word="Charging" stale staleLabel="Last known" />);
    const stale = screen.getByText('Charging').closest('[data-kind]')!;
    expect(stale).toHaveAttribute('data-stale', 'true');
    expect(stale).not.toHaveClass('bg-charging');
    expect(stale.querySelector('svg')).toHaveAttribute('data-icon', 'stale');
    expect(stale.querySelector('svg')).not.toHaveClass('status-flow');
    expect(stale).toHaveTextContent('Last known');
  });
});
