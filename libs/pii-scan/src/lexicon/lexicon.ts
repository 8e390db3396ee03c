/**
 * Dictionaries looked up one token at a time: one Map from the lower-cased word to a bit set of flags.
 * No dictionary is ever compiled into a regular expression.
 */
import { COMMON_WORDS, EPONYMS, FIRST_NAMES, LAST_NAMES, PLACES, STREET_SUFFIXES, US_STATES } from './data.generated';

export const F_FIRST = 1;
export const F_LAST = 2;
export const F_PLACE = 4;
export const F_PLACE_PREFIX = 8;
export const F_MONTH = 16;
export const F_TITLE = 32;
export const F_COMMON = 64;
export const F_EPONYM = 128;
export const F_SUFFIX = 256;
export const F_STATE = 512;
export const F_WEEKDAY = 1024;
export const F_ORG = 2048;
export const F_PARTICLE = 4096;
export const F_DIRECTION = 8192;

const LEX = new Map<string, number>();
const add = (w: string, f: number) => LEX.set(w, (LEX.get(w) ?? 0) | f);

for (const w of FIRST_NAMES.split('|')) add(w, F_FIRST);
for (const w of LAST_NAMES.split('|')) add(w, F_LAST);
for (const w of COMMON_WORDS.split('|')) add(w, F_COMMON);
for (const w of EPONYMS.split('|')) add(w, F_EPONYM);
for (const w of STREET_SUFFIXES.split('|')) add(w, F_SUFFIX);

/** Multi-word places, keyed by their full lower-case text; the first word gets F_PLACE_PREFIX. */
export const PLACE_SET: ReadonlySet<string> = new Set(PLACES.split('|'));
/** Most words in any multi-word place. */
export const MAX_PLACE_WORDS = 4;
for (const p of PLACE_SET) {
  const sp = p.indexOf(' ');
  if (sp === -1) add(p, F_PLACE);
  else add(p.slice(0, sp), F_PLACE_PREFIX);
}
/** Every leading run of words of a multi-word place ("isle", "isle of"), so a reader can stop early. */
export const PLACE_PREFIXES: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  for (const p of PLACE_SET) {
    let sp = p.indexOf(' ');
    while (sp !== -1) {
      out.add(p.slice(0, sp));
      sp = p.indexOf(' ', sp + 1);
    }
  }
  return out;
})();
export const STATE_SET: ReadonlySet<string> = new Set(US_STATES.split('|'));
for (const s of STATE_SET) add(s.split(' ')[0]!, F_STATE);

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7], ['august', 8],
  ['september', 9], ['october', 10], ['november', 11], ['december', 12], ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4],
  ['jun', 6], ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);
for (const m of MONTHS.keys()) add(m, F_MONTH);
for (const d of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun']) add(d, F_WEEKDAY);

export const TITLES: ReadonlySet<string> = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'rev', 'revd', 'reverend', 'sister', 'nurse', 'father', 'lady', 'master']);
for (const t of TITLES) add(t, F_TITLE);

/** Words that make the capitalised words before them an organisation or facility, not a person. */
for (const w of ('hospital hospitals clinic clinics trust foundation university college school surgery practice centre center ward unit ' +
  'infirmary institute department laboratory lab pharmacy group services service council authority board ltd limited plc inc llc ' +
  'corporation company church street road avenue lane syndrome disease trial study scale score test sign teaching nhs general royal ' +
  'memorial community district infirmary airport station cathedral').split(' ')) add(w, F_ORG);

for (const w of ['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'ap', 'st', 'dos', 'das', 'ter']) add(w, F_PARTICLE);
for (const w of ['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw', 'north', 'south', 'east', 'west']) add(w, F_DIRECTION);

export function lexFlags(lowerWord: string): number {
  return LEX.get(lowerWord) ?? 0;
}

/** Words before a capitalised token that mark it as a person's name. */
export const NAME_CUES_BEFORE: ReadonlySet<string> = new Set(
  ('patient pt name names dear signed sign by seen reviewed referred examined discussed cc c o attn attention mother father mum dad ' +
    'wife husband son daughter partner carer brother sister sibling grandmother grandfather aunt uncle niece nephew friend ' +
    'neighbour neighbor kin contact consultant registrar gp physician surgeon nurse clinician doctor therapist midwife author ' +
    'from to with called named known forename surname firstname lastname witness informant accompanied regards sincerely ' +
    'hi hello thanks thank cheers best wishes love yours').split(' '),
);
/** Strong cues: a capitalised token right after these is a name even if it is in no dictionary. */
export const STRONG_NAME_CUES: ReadonlySet<string> = new Set(
  ['patient', 'name', 'dear', 'signed', 'forename', 'surname', 'firstname', 'lastname', 'mother', 'father', 'wife', 'husband', 'son', 'daughter', 'partner', 'carer', 'named', 'called', 'sincerely', 'regards', 'by', 'hi', 'hello', 'thanks', 'cheers', 'wishes'],
);
export const NAME_CUES_AFTER: ReadonlySet<string> = new Set(
  ('was is has had reports reported attended presented states stated said says denies complains who whose and remains ' +
    'underwent received continues continued feels felt lives lived describes described').split(' '),
);
/** Words after a capitalised token that make it an eponym (disease, sign, device), not a person. */
export const EPONYM_FOLLOWERS: ReadonlySet<string> = new Set(
  ('disease syndrome sign signs test tests catheter procedure fracture palsy score scale line operation repair maneuver manoeuvre ' +
    'lymphoma sarcoma tumour tumor phenomenon criteria classification stage law reflex triad ulcer cyst node nodes esophagus ' +
    'oesophagus diverticulum dementia chorea ataxia anomaly body bodies cell cells stain solution hernia block position coma').split(' '),
);
/** Words before a place that mark it as a place. */
export const PLACE_CUES_BEFORE: ReadonlySet<string> = new Set(
  ('in at from near lives living lived resident resides moved born town city village address of to visiting based borough county').split(' '),
);
