/**
 * The server's reasons in German. Why a charger could not be read is an English sentence from the
 * charger client (`server/charger/`: "the charger closed the connection", "the charger did not
 * answer within 5 s", …): it travels in the snapshot's `problem.message` and in our API's error
 * answers; a notification target's failure in the settings' test answers the same way. A German page and German notifications show it in these words instead; a sentence not
 * listed here is left out rather than shown in English (the error code's own words still say what
 * happened). `server/charger/reasons-in-german.test.ts` checks that every sentence the server
 * can say is listed.
 *
 * The same goes for a part of a reading that could not be read (`describeIssue`: "evses[0].
 * connectors[0].onlineData.power: expected number"): the path stays, the English words do not.
 *
 * Values inside a sentence (an HTTP status, a TLS code, a URL, the charger's own message) are kept
 * as they are; a number of seconds gets the German decimal comma.
 */
type Words = (...values: Array<string | undefined>) => string;

const TYPES_DE: Readonly<Record<string, string>> = { number: 'Zahl', string: 'Text', boolean: 'Wahrheitswert', object: 'Objekt', array: 'Liste' };

const REASONS: ReadonlyArray<readonly [RegExp, Words]> = [
  // A connection that cannot be made, or is closed under a request.
  [/^the charger refused the connection$/, () => 'die Ladestation hat die Verbindung abgelehnt'],
  [/^the charger’s host name could not be resolved$/, () => 'der Hostname der Ladestation lässt sich nicht auflösen'],
  [/^the charger’s network cannot be reached$/, () => 'das Netz der Ladestation ist nicht erreichbar'],
  [/^the connection to the charger timed out$/, () => 'die Verbindung zur Ladestation kam nicht rechtzeitig zustande'],
  [/^the charger did not accept a connection in time \(is it on and on the network\?\)$/, () => 'die Ladestation hat die Verbindung nicht rechtzeitig angenommen (ist sie eingeschaltet und im Netz?)'],
  [/^the charger closed the connection$/, () => 'die Ladestation hat die Verbindung geschlossen'],
  [/^the charger closed the connection in the middle of its answer$/, () => 'die Ladestation hat die Verbindung mitten in ihrer Antwort geschlossen'],
  [/^the charger did not answer within (\S+) s$/, (seconds) => `die Ladestation hat nicht innerhalb von ${seconds!.replace('.', ',')} s geantwortet`],
  // TLS.
  [
    /^the charger’s TLS certificate is not trusted \((.+)\); for a self-signed certificate set CHARGER_INSECURE_TLS=true$/,
    (code) => `dem TLS-Zertifikat der Ladestation wird nicht vertraut (${code}); für ein selbst signiertes Zertifikat CHARGER_INSECURE_TLS=true setzen`,
  ],
  [
    /^TLS handshake with the charger failed \((.+)\); check whether its URL should start with http:\/\/ or https:\/\/$/,
    (code) => `TLS-Verbindungsaufbau mit der Ladestation fehlgeschlagen (${code}); prüfen, ob ihre URL mit http:// oder https:// beginnen muss`,
  ],
  // Redirects.
  [/^the charger redirects \(HTTP (\d+)\) without saying where; check the charger URL$/, (status) => `die Ladestation leitet um (HTTP ${status}), ohne ein Ziel zu nennen; die URL der Ladestation prüfen`],
  [
    /^the charger redirects to https \(HTTP (\d+)\); use (\S+) as the charger URL \(and CHARGER_INSECURE_TLS=true if its certificate is self-signed\)$/,
    (status, origin) => `die Ladestation leitet auf https um (HTTP ${status}); ${origin} als URL der Ladestation verwenden (und CHARGER_INSECURE_TLS=true, falls ihr Zertifikat selbst signiert ist)`,
  ],
  [
    /^the charger redirects to (\S+) \(HTTP (\d+)\); use the address it redirects to as the charger URL$/,
    (target, status) => `die Ladestation leitet nach ${target} um (HTTP ${status}); diese Adresse als URL der Ladestation verwenden`,
  ],
  // Logins and tokens.
  [/^the charger refused this request \(HTTP 401\)$/, () => 'die Ladestation hat diese Anfrage abgelehnt (HTTP 401)'],
  [/^the charger refused the configured token \(HTTP 401\); check CHARGER_TOKEN$/, () => 'die Ladestation lehnt das eingestellte Token ab (HTTP 401); CHARGER_TOKEN prüfen'],
  [/^the charger accepted the login but refused the token it issued \(HTTP 401\)$/, () => 'die Ladestation hat die Anmeldung angenommen, aber ihr eigenes Token abgelehnt (HTTP 401)'],
  [/^the charger refused the login \(HTTP 401\); check CHARGER_EMAIL and CHARGER_PASSWORD$/, () => 'die Ladestation hat die Anmeldung abgelehnt (HTTP 401); CHARGER_EMAIL und CHARGER_PASSWORD prüfen'],
  [
    /^the charger refused the login \(error (.+)\); check CHARGER_EMAIL and CHARGER_PASSWORD$/,
    (error) => `die Ladestation hat die Anmeldung abgelehnt (Fehler ${error}); CHARGER_EMAIL und CHARGER_PASSWORD prüfen`,
  ],
  [/^the login answer has an unexpected shape$/, () => 'die Antwort auf die Anmeldung hat eine unerwartete Form'],
  [/^the charger refused access \(HTTP 403\)$/, () => 'die Ladestation verweigert den Zugriff (HTTP 403)'],
  // Answers we cannot use.
  [/^the charger sent an oversized answer$/, () => 'die Ladestation hat eine übergroße Antwort geschickt'],
  [/^the charger answered HTTP (\d+)$/, (status) => `die Ladestation hat mit HTTP ${status} geantwortet`],
  [/^the charger sent malformed JSON$/, () => 'die Ladestation hat fehlerhaftes JSON geschickt'],
  [/^the charger sent an unexpected answer \(expected a list\)$/, () => 'die Ladestation hat eine unerwartete Antwort geschickt (erwartet: eine Liste)'],
  [/^the charger sent an unexpected answer \(expected an object\)$/, () => 'die Ladestation hat eine unerwartete Antwort geschickt (erwartet: ein Objekt)'],
  [/^the charger status is not an object$/, () => 'der Status der Ladestation ist kein Objekt'],
  [/^the charger reported error (.+)$/, (error) => `die Ladestation meldet Fehler ${error}`],
  [/^internal error while reading the status; see the server log$/, () => 'interner Fehler beim Lesen des Status; siehe Server-Log'],
  // A notification target that did not take a message (the settings' test message).
  [/^no answer$/, () => 'keine Antwort'],
  [/^no answer within (\S+) s$/, (seconds) => `keine Antwort innerhalb von ${seconds!.replace('.', ',')} s`],
  [/^answered HTTP (\d+)$/, (status) => `Antwort HTTP ${status}`],
  [/^not connected to the MQTT broker$/, () => 'nicht mit dem MQTT-Broker verbunden'],
  // A system's error code (`ECONNREFUSED`) is the same in every language.
  [/^([A-Z][A-Z\d_]{2,})$/, (code) => code!],
  // A part of an answer of the wrong shape (`describeIssue`): the path as it is.
  [/^(?:(.+): )?expected (number|string|boolean|object|array)$/, (path, type) => `${path ? `${path}: ` : ''}erwartet: ${TYPES_DE[type!]}`],
  [/^(?:(.+): )?unexpected data$/, (path) => `${path ? `${path}: ` : ''}unerwartete Daten`],
  [/^(.+): not a duration: (".*")$/, (path, value) => `${path}: keine Dauer: ${value}`],
  [/^(.+): not a time: (".*")$/, (path, value) => `${path}: keine Zeitangabe: ${value}`],
];

/** The German for one of the server's reasons; null for a sentence this table does not know. */
export function problemReasonDe(message: string | null | undefined): string | null {
  if (!message) return null;
  for (const [pattern, words] of REASONS) {
    const match = pattern.exec(message);
    if (match) return words(...match.slice(1));
  }
  return null;
}
