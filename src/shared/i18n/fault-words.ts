/**
 * The fault vocabulary's words for the page's language. A module of its own, imported only by
 * lazy parts (the fault notice, the timeline) and the German chunk, so the first load carries no
 * fault words: English comes with the first part that shows a fault, German
 * (`fault-vocabulary.de.ts`) with the German tables (`src/app/german.ts`).
 */
import { FAULT_WORDS_EN, faultWords, type FaultInput, type FaultWords } from '../../../contract/fault-vocabulary.ts';
import { germanLater, type Lang } from './i18n.tsx';

export const faultWordTables = germanLater(FAULT_WORDS_EN);

export function faultWordsIn(fault: FaultInput, lang: Lang): FaultWords {
  return faultWords(fault, faultWordTables[lang]);
}
