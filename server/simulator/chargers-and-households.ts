/**
 * Who is in the garage: the chargers (hardware, their RFID users and cards) and, per connector,
 * the household whose car plugs in there (car size, habits). Drawn once from the seed; nothing
 * here changes while the simulator runs.
 */
import { KW_PER_A } from './electrics.ts';
import { hash4, mulberry32, STREAM } from './random.ts';
import { HOUR_MS } from './time-zone.ts';

export interface UserSpec {
  userId: number;
  userIdentificationId: number;
  firstName: string;
  lastName: string;
  identificationCode: string;
  number: string;
  insertedMs: number;
}

export interface ChargerSpec {
  index: number;
  id: string;
  name: string;
  hardwareMaxCurrent: number;
  users: UserSpec[];
  /** The unassigned whitelist card some sessions use. */
  guestCard: Omit<UserSpec, 'firstName' | 'lastName' | 'userId'>;
  centralSystem: string;
  commissionedMs: number;
  /** Offset between session id and authorization id (the charger counts refused swipes too). */
  authorizationOffset: number;
}

export interface Household {
  carMaxA: number;
  pEvening: number;
  arriveMean: number;
  departMean: number;
}

const FIRST_NAMES = ['Jürgen', 'Anna', 'Lukas', 'Sophie', 'Özlem', 'Maximilian', 'Marie', 'Jörg', 'Léa', 'Tobias', 'Katharina', 'Björn', 'Fatma', 'Henrik', 'Zoë', 'Matthias'];
const LAST_NAMES = ['Müller', 'Schäfer', 'Weiß', 'Böhm', 'Groß', 'Köhler', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Yılmaz', 'Schröder', 'Krüger', 'Nowak', 'Jäger', 'Hübner'];
/** Names that need quoting in a CSV: a comma, a double quote, an apostrophe. */
const AWKWARD_LAST_NAMES = ['Schäfer, "Lenchen"', "O'Neill", 'von Bülow, Dr.', 'Meyer "der Jüngere"'];

const STANDARD_FUSES_A = [60, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600];

export interface GarageLimits {
  /**
   * Cluster limit per phase: 25 A for up to three connectors (the notes' value), otherwise 8 A
   * per connector rounded up to 5 A, so a full garage still charges every car at >= 6 A.
   */
  clusterMaxA: number;
  /** Building main fuse per phase: 60 A (the notes) unless the garage needs a bigger one. */
  loadGuardMaxA: number;
  /** The building grows with the garage: more flats behind the same meter. */
  baseScale: number;
}

export function garageLimits(chargers: number, slots: number): GarageLimits {
  const clusterMaxA = slots <= 3 ? 25 : Math.ceil((slots * 8) / 5) * 5;
  const baseScale = 1 + (chargers - 1) * 0.25;
  const peakBaseA = (4.5 * baseScale) / KW_PER_A;
  const loadGuardMaxA = STANDARD_FUSES_A.find((fuse) => fuse >= clusterMaxA + peakBaseA) ?? 2000;
  return { clusterMaxA, loadGuardMaxA, baseScale };
}

export function makeCharger(seed: number, c: number, count: number, commissionedMs: number): ChargerSpec {
  const rng = mulberry32(hash4(seed, STREAM.charger, c));
  const place = count === 1 ? 13 : 4 + c;
  const hardware = [16, 20, 25, 29, 32][Math.floor(rng() * 5)] ?? 32;
  const userCount = c === 0 ? 3 : 1 + Math.floor(rng() * 3);
  const users: UserSpec[] = [];
  const card = () => String(10_000_000 + Math.floor(rng() * 89_999_999));
  const cardNumber = () => `00${10 + Math.floor(rng() * 90)}`;
  for (let u = 0; u < userCount; u++) {
    let firstName: string;
    let lastName: string;
    const pickFirst = FIRST_NAMES[Math.floor(rng() * FIRST_NAMES.length)] ?? 'Anna';
    const pickLast = LAST_NAMES[Math.floor(rng() * LAST_NAMES.length)] ?? 'Müller';
    const awkward = AWKWARD_LAST_NAMES[Math.floor(rng() * AWKWARD_LAST_NAMES.length)] ?? "O'Neill";
    // The first charger always has the names that trip up CSV and encoding code; the others
    // get them now and then.
    if (c === 0 && u === 0) [firstName, lastName] = ['Jürgen', 'Müller'];
    else if (c === 0 && u === 1) [firstName, lastName] = ['Anna-Lena', 'Schäfer, "Lenchen"'];
    else if (u === 2) [firstName, lastName] = ['Parkplatz', String(place)];
    else [firstName, lastName] = [pickFirst, u === 1 && rng() < 0.3 ? awkward : pickLast];
    users.push({
      userId: 2 + u,
      userIdentificationId: 1 + u,
      firstName,
      lastName,
      identificationCode: card(),
      number: cardNumber(),
      insertedMs: commissionedMs + Math.floor((u * 40 + rng() * 30) * HOUR_MS),
    });
  }
  return {
    index: c,
    id: `platz${place}`,
    name: `Platz ${place}`,
    hardwareMaxCurrent: hardware,
    users,
    guestCard: {
      userIdentificationId: userCount + 1,
      identificationCode: card(),
      number: cardNumber(),
      insertedMs: commissionedMs + Math.floor(200 * HOUR_MS),
    },
    centralSystem: c === 0 || rng() < 0.5 ? 'Disabled' : 'Connected',
    commissionedMs,
    authorizationOffset: 5 + Math.floor(rng() * 30),
  };
}

export function makeHousehold(seed: number, slot: number): Household {
  const rng = mulberry32(hash4(seed, STREAM.household, slot));
  const car = rng();
  return {
    carMaxA: car < 0.7 ? 16 : car < 0.85 ? 13 : 11,
    pEvening: 0.8 + 0.13 * rng(),
    arriveMean: 17 * 60 + 120 * rng(),
    departMean: 6 * 60 + 40 + 110 * rng(),
  };
}

