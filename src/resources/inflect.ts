/**
 * English singular and plural of a table's name, for titles about one record ("Edit order 96786") and
 * about many ("Orders"). Only the last word changes (`order_items` → `order item`). Rules are tried in
 * order, first match wins; a word that is already in the wanted form comes back unchanged, so a config
 * label can be given in either form. `label` / `labelPlural` in the config override a wrong guess.
 */
type Rule = readonly [pattern: RegExp, replacement: string]

/** Same in both forms, or Latin plurals used as mass nouns in schemas (`data`, `media`). */
const invariant = new Set([
  'data',
  'metadata',
  'media',
  'news',
  'series',
  'species',
  'equipment',
  'information',
  'feedback',
  'software',
  'hardware',
  'staff',
  'sheep',
  'fish',
  'deer',
  'aircraft',
  'settings', // a settings table holds settings, one row is "settings" too often to guess "setting"
])

const irregularPlurals: Readonly<Record<string, string>> = {
  person: 'people',
  man: 'men',
  woman: 'women',
  child: 'children',
  mouse: 'mice',
  goose: 'geese',
  tooth: 'teeth',
  foot: 'feet',
  ox: 'oxen',
  index: 'indices',
  matrix: 'matrices',
  vertex: 'vertices',
  criterion: 'criteria',
  phenomenon: 'phenomena',
  datum: 'data',
  medium: 'media',
  analysis: 'analyses',
  basis: 'bases',
  crisis: 'crises',
  thesis: 'theses',
  axis: 'axes',
  status: 'statuses',
  bus: 'buses',
  campus: 'campuses',
  virus: 'viruses',
  alias: 'aliases',
  quiz: 'quizzes',
  leaf: 'leaves',
  life: 'lives',
  wife: 'wives',
  knife: 'knives',
  half: 'halves',
  shelf: 'shelves',
  movie: 'movies',
  cookie: 'cookies',
  zombie: 'zombies',
  cache: 'caches',
  base: 'bases',
  hero: 'heroes',
  potato: 'potatoes',
  tomato: 'tomatoes',
  echo: 'echoes',
}

const pluralOf: readonly Rule[] = [
  [/(ch|sh|ss|x|z)$/i, '$1es'],
  [/([^aeiou])y$/i, '$1ies'],
  [/s$/i, 's'], // already plural: `orders` stays `orders`
  [/$/, 's'],
]

const singularOf: readonly Rule[] = [
  [/([^aeiou])ies$/i, '$1y'],
  [/(ch|sh|ss|x|z)es$/i, '$1'],
  [/(ss|us|is)$/i, '$1'], // already singular: `address`, `status`, `analysis`
  [/s$/i, ''],
]

// Maps, not the object: a table named `constructor` must not find what every object inherits.
const irregular: ReadonlyMap<string, string> = new Map(Object.entries(irregularPlurals))
const singularIrregular: ReadonlyMap<string, string> = new Map(
  Object.entries(irregularPlurals).map(([one, many]) => [many, one]),
)

function apply(rules: readonly Rule[], word: string): string {
  for (const [pattern, replacement] of rules) if (pattern.test(word)) return word.replace(pattern, replacement)
  return word
}

/** Inflects the last word of `phrase`, keeping its case (`Order items` → `Order item`). */
function lastWord(phrase: string, inflect: (lower: string) => string): string {
  const match = /([A-Za-z]+)$/.exec(phrase)
  if (!match) return phrase
  const word = match[1]!
  const lower = word.toLowerCase()
  const changed = invariant.has(lower) ? lower : inflect(lower)
  const cased =
    word === word.toUpperCase() && word.length > 1
      ? changed.toUpperCase()
      : word[0] === word[0]!.toUpperCase()
        ? changed.charAt(0).toUpperCase() + changed.slice(1)
        : changed
  return phrase.slice(0, match.index) + cased
}

/** `Orders` → `Order`, `Categories` → `Category`, `People` → `Person`, `Order items` → `Order item`. */
export function singular(phrase: string): string {
  return lastWord(phrase, (w) => singularIrregular.get(w) ?? (irregular.has(w) ? w : apply(singularOf, w)))
}

/** `Order` → `Orders`, `Category` → `Categories`, `Person` → `People`; a plural stays as it is. */
export function plural(phrase: string): string {
  return lastWord(phrase, (w) => irregular.get(w) ?? (singularIrregular.has(w) ? w : apply(pluralOf, w)))
}
