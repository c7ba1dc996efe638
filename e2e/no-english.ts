/**
 * "A German page shows no English": what `expectNoEnglish` looks for in a German page's text and
 * in its tooltips and labels (`title`, `aria-label`, `placeholder`, `alt`):
 * - the fixed parts of our English messages (every message table, the state and fault words),
 *   where German does not share them;
 * - the charger's raw enum names (`GroundFailure`, `SuspendedEV`, `LocalStopUserDisconnected…`):
 *   a name we know is always worded, and one we do not know is humanised (`Waiting for grid
 *   capacity`), never shown as sent;
 * - the server's English reasons ("the charger closed the connection");
 * - a space before a colon ("Leistung : 3,2 kW"), as Recharts' default tooltip writes it.
 * `expectNoRawNames` is the part that holds for English pages too.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';
// The German of the first load's tables is a chunk the app loads for German pages: here at once.
import '../src/app/german-tables.ts';
import { liveMessages } from '../src/features/live/messages.ts';
import { stripMessages } from '../src/features/live/strip-messages.ts';
import { powerMessages } from '../src/features/power/messages.ts';
import { garageMessages, shortReasons } from '../src/features/chargers/messages.ts';
import { sessionLabels, sessionsMessages } from '../src/features/sessions/messages.ts';
import { eventLabels, timelineMessages } from '../src/features/timeline/messages.ts';
import { shellMessages } from '../src/app/messages.ts';
import { errorMessages } from '../src/shared/ui/error-text.ts';
import { partMessages } from '../src/shared/ui/part-messages.ts';
import { chargerLabels } from '../src/shared/i18n/charger-labels.ts';
import { PAUSE_REASON_WORDS, STATE_WORDS } from '../contract/state-vocabulary.ts';
import { KNOWN_STATUS_NAMES } from '../contract/status-names.ts';
import { FAULT_TYPES, FAULT_WORDS_EN } from '../contract/fault-vocabulary.ts';
import { FAULT_WORDS_DE } from '../contract/fault-vocabulary.de.ts';
import { STOP_REASONS } from '../server/simulator/household-day.ts';

type Tree = Record<string, unknown>;
const HOLE = '\u0001';

/** Every text of a table, messages with values split at the values. */
function textsOf(table: unknown, into: string[] = []): string[] {
  if (typeof table === 'string') into.push(...table.split(HOLE));
  else if (typeof table === 'function') into.push(...String((table as (...a: unknown[]) => unknown)(HOLE, HOLE, HOLE)).split(HOLE));
  else if (table && typeof table === 'object') for (const value of Object.values(table as Tree)) textsOf(value, into);
  return into;
}

const trim = (text: string) => text.replace(/[\s.,:;·()…"“”„–-]+$/u, '').replace(/^[\s.,:;·()…"“”„–-]+/u, '');

/** Fixed parts of every English message, four letters or more, that German does not share. */
function englishFragments(): string[] {
  const pairs: Array<[unknown, unknown]> = [
    ...[liveMessages, stripMessages, powerMessages, garageMessages, shortReasons, sessionsMessages, sessionLabels, timelineMessages, eventLabels, shellMessages, errorMessages, partMessages, chargerLabels].map(
      (table) => [table.en, table.de] as [unknown, unknown],
    ),
    [STATE_WORDS.en, STATE_WORDS.de],
    [PAUSE_REASON_WORDS.en, PAUSE_REASON_WORDS.de],
    [FAULT_WORDS_EN, FAULT_WORDS_DE],
  ];
  const english = new Set(pairs.flatMap(([en]) => textsOf(en).map(trim)).filter((text) => text.length >= 4 && /[a-z]/i.test(text)));
  const german = pairs.flatMap(([, de]) => textsOf(de));
  return [...english].filter((fragment) => !german.some((text) => text.includes(fragment)));
}

/**
 * The charger's names that never show as sent: every state and fault type we know, the stop
 * reasons, modes, statuses and settings our tables word. Only names of two or more words written
 * together (`GroundFailure`): a one-word name (`Charging`, `Eco`) may be a word of the page.
 */
function rawNames(): string[] {
  const labelKeys = (Object.values(chargerLabels.en) as Tree[]).flatMap((labels) => Object.keys(labels));
  // And the names the simulator's unknown values bring (`withUnknownEnums`): shown humanised.
  const unknown = ['WaitingForGridCapacity', 'LocalStopBecauseSolarEclipse', 'PausedByGrid', 'FinishedWithWarnings', 'ChargerWhitelistAndRoaming', 'LearnedFromHabits', 'NfcSmartWatch', 'CloudRoaming', 'CableType2Turbo'];
  const names = [...KNOWN_STATUS_NAMES, ...FAULT_TYPES, ...STOP_REASONS, ...labelKeys, 'Mode3Error', ...unknown];
  return [...new Set(names)].filter((name) => /^[A-Z][a-z\d]*[A-Z]/.test(name));
}

/** The server's English reasons, in any of their forms (`server/charger/`, `server/home/`). */
const SERVER_ENGLISH = [/\bthe charger\b/i, /\bthe connection to the charger\b/i, /\bthe login answer\b/i, /\bTLS handshake\b/i, /\bexpected (number|string|boolean|object|array)\b/, /\bunexpected data\b/, /\banswered HTTP\b/, /\bno answer within\b/];

const ENGLISH = englishFragments();
const RAW = rawNames();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asWord = (text: string) => new RegExp(`(^|[^\\p{L}])${escape(text)}($|[^\\p{L}])`, 'u');

/** The page's text and its tooltips and labels, line by line. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = Array.from(document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')).flatMap((el) =>
      ['title', 'aria-label', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? '').filter(Boolean),
    );
    return [document.body.innerText, ...attributes].join('\n');
  });
}

/** A space before a colon, within a line ("Leistung : 3,2 kW"); a colon alone on a line is a screen reader's pause. */
const SPACE_BEFORE_COLON = /\S[ \u00a0\u202f]+:/u;

function rawNamesIn(text: string): string[] {
  return RAW.filter((name) => asWord(name).test(text));
}

/** No English and no raw names on a German page, neither in its text nor in its tooltips and labels. */
export async function expectNoEnglish(page: Page, what: string): Promise<void> {
  const text = await pageText(page);
  expect(
    ENGLISH.filter((fragment) => asWord(fragment).test(text)),
    `${what}: English text on a German page`,
  ).toEqual([]);
  expect(rawNamesIn(text), `${what}: the charger's raw names on a German page`).toEqual([]);
  expect(
    SERVER_ENGLISH.filter((pattern) => pattern.test(text)).map(String),
    `${what}: the server's English reasons on a German page`,
  ).toEqual([]);
  expect(text.split('\n').filter((line) => SPACE_BEFORE_COLON.test(line)), `${what}: a space before a colon`).toEqual([]);
}

/** No raw names and no space before a colon, on a page in either language. */
export async function expectNoRawNames(page: Page, what: string): Promise<void> {
  const text = await pageText(page);
  expect(rawNamesIn(text), `${what}: the charger's raw names`).toEqual([]);
  expect(text.split('\n').filter((line) => SPACE_BEFORE_COLON.test(line)), `${what}: a space before a colon`).toEqual([]);
}
