/** German for the first load's tables; `german.ts` loads this chunk for German pages only. */
import { provideGerman } from '../shared/i18n/i18n.tsx';
import { chargerLabels } from '../shared/i18n/charger-labels.ts';
import { chargerLabelsDe } from '../shared/i18n/charger-labels.de.ts';
import { faultWordTables } from '../shared/i18n/fault-words.ts';
import { FAULT_WORDS_DE } from '../../contract/fault-vocabulary.de.ts';
import { errorMessages, serverReasons } from '../shared/ui/error-text.ts';
import { errorMessagesDe, serverReasonsDe } from '../shared/ui/error-text.de.ts';
import { liveMessages } from '../features/live/messages.ts';
import { liveMessagesDe } from '../features/live/messages.de.ts';
import { partMessages } from '../shared/ui/part-messages.ts';
import { partMessagesDe } from '../shared/ui/part-messages.de.ts';
import { shellMessages } from './messages.ts';
import { shellMessagesDe } from './messages.de.ts';

provideGerman(shellMessages, shellMessagesDe);
provideGerman(liveMessages, liveMessagesDe);
provideGerman(errorMessages, errorMessagesDe);
provideGerman(serverReasons, serverReasonsDe);
provideGerman(partMessages, partMessagesDe);
provideGerman(chargerLabels, chargerLabelsDe);
provideGerman(faultWordTables, FAULT_WORDS_DE);
