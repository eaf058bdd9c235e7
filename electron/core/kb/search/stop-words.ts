/**
 * Words never searched. Two lists in one set:
 *
 * - PostgreSQL's `english` stop words (Snowball's list): that index drops them, so searching them
 *   on SQLite alone would make the two databases answer differently.
 * - What callers say around every problem at a help desk ("please help, my room's issue…"), which
 *   would match every case. Domain words stay searchable, however common ("printer", "teacher",
 *   "student", "password"): ranking gives common words little weight instead.
 */
import { stemOf } from './porter-stem';

const ENGLISH = `
  i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
  her hers herself it its itself they them their theirs themselves what which who whom this that
  these those am is are was were be been being have has had having do does did doing a an the and
  but if or because as until while of at by for with about against between into through during
  before after above below to from up down in out on off over under again further then once here
  there when where why how all any both each few more most other some such no nor not only own same
  so than too very s t can will just don should now
`;

const HELP_DESK = `
  please pls plz help issue issues problem problems room hi hello hey thanks thank thx urgent asap
  need needs needed want wants wanted would could also still anymore today yesterday tomorrow
  someone something anything everything nothing somebody anybody everybody get gets got getting
  seems seem seemed like really know let lets im ive youre hes shes theyre cant wont dont doesnt
  isnt didnt wasnt arent couldnt wouldnt shouldnt haven havent won doesn didn isn wasn aren couldn
  wouldn shouldn hasn hasnt ll ve re d m says say said saying tell told keep keeps kept anyone
  every way ok okay yes yeah sure maybe again etc via
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${HELP_DESK}`.split(/\s+/).filter(Boolean));

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The stop words' stems: a word that stems to one ("ine" → in, "rooms" → room) says no more than the stop word. */
const STOP_STEMS: ReadonlySet<string> = new Set([...STOP_WORDS].map(stemOf));

/** Whether a word is a stop word or stems to one. */
export function isStopStem(word: string): boolean {
  return STOP_WORDS.has(word) || STOP_STEMS.has(stemOf(word));
}
