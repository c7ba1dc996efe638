/**
 * On a phone the history opens on its list: the filters, the price and notification settings
 * and the CSV export wait behind one button ("Filters & export"). A disclosure: a button with
 * `aria-expanded` and `aria-controls`, the region after it in reading order and named like it,
 * so a keyboard and a screen reader reach it the way they reach any button. The button says what
 * the list shows (the period, how many filters), so the closed tools still tell it.
 */
import { useCallback, useId, useState, type ReactNode } from 'react';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { sessionsMessages } from './messages.ts';

export interface ToolsDisclosure {
  open: boolean;
  toggle(): void;
  /** Closes and gives the focus back to the button (after the last field, the way back up). */
  close(): void;
  buttonId: string;
  regionId: string;
}

export function useToolsDisclosure(): ToolsDisclosure {
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonId = `${id}-button`;
  const toggle = useCallback(() => setOpen((was) => !was), []);
  const close = useCallback(() => {
    setOpen(false);
    document.getElementById(buttonId)?.focus();
  }, [buttonId]);
  return { open, toggle, close, buttonId, regionId: `${id}-tools` };
}

/** The button, with the period and the filters it shows ("Last month · 1 filter") under its name. */
export function ToolsButton({ tools, summary }: { tools: ToolsDisclosure; summary: string }) {
  const m = useMessages(sessionsMessages);
  return (
    <Button id={tools.buttonId} aria-expanded={tools.open} aria-controls={tools.regionId} onClick={tools.toggle} className="history-tools-toggle" data-testid="history-tools-toggle">
      <span className="flex items-center gap-1 font-semibold">
        {m.toolsToggle}
        <svg aria-hidden width="12" height="12" viewBox="0 0 12 12" className="history-tools-chevron">
          <path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
      <span className="history-tools-summary text-xs text-muted">{summary}</span>
    </Button>
  );
}

/**
 * The tools themselves; out of sight, and out of the accessibility tree, while closed. Held open
 * (without the button, which sits with the totals) while `forcedOpen`: a period that cannot be
 * read has no totals, and its fix is in here.
 */
export function ToolsRegion({
  tools,
  label,
  forcedOpen = false,
  actions,
  children,
}: {
  tools: ToolsDisclosure;
  label: string;
  forcedOpen?: boolean;
  /** Beside "Close filters", under the tools (the export). */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const m = useMessages(sessionsMessages);
  return (
    <div id={tools.regionId} role="region" aria-label={label} hidden={!tools.open && !forcedOpen} className="flex flex-col gap-3" data-testid="history-tools">
      {children}
      <div className="flex flex-wrap items-center justify-between gap-3">
        {actions}
        {forcedOpen ? null : <Button onClick={tools.close}>{m.toolsClose}</Button>}
      </div>
    </div>
  );
}
