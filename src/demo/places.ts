import type { Random } from './random.js'
import { list } from './words.js'

/** A country the shop sells to: how its addresses and phone numbers look. */
export interface Country {
  readonly code: string
  readonly weight: number
  readonly language: string
  /** City, region (or null), postcode pattern: `#` a digit, `@` a capital letter, anything else literal. */
  readonly cities: ReadonlyArray<readonly [string, string | null, string]>
  readonly streets: readonly string[]
  /** Street before the house number ("Hauptstraße 12") rather than after ("12 High Street"). */
  readonly numberAfterStreet: boolean
  /** Phone pattern, same placeholders; mostly the ranges each country reserves for fiction. */
  readonly phone: string
}

export const countries: readonly Country[] = [
  {
    code: 'GB',
    weight: 35,
    language: 'en',
    numberAfterStreet: false,
    phone: '+44 7700 900###',
    cities: [
      ['London', null, 'SW# #@@'],
      ['London', null, 'E# #@@'],
      ['Manchester', null, 'M## #@@'],
      ['Leeds', 'West Yorkshire', 'LS# #@@'],
      ['Bristol', null, 'BS# #@@'],
      ['Edinburgh', null, 'EH# #@@'],
    ],
    streets: list('High Street|Station Road|Church Lane|Victoria Road|Mill Lane|Queen’s Road|Park Avenue'),
  },
  {
    code: 'US',
    weight: 25,
    language: 'en',
    numberAfterStreet: false,
    phone: '+1 2#5 555 01##',
    cities: [
      ['New York', 'NY', '100##'],
      ['Chicago', 'IL', '606##'],
      ['Austin', 'TX', '787##'],
      ['Seattle', 'WA', '981##'],
      ['Boston', 'MA', '021##'],
      ['Denver', 'CO', '802##'],
    ],
    streets: list('Maple Avenue|Oak Street|Washington Boulevard|Lakeview Drive|Elm Street|2nd Avenue'),
  },
  {
    code: 'DE',
    weight: 10,
    language: 'de',
    numberAfterStreet: true,
    phone: '+49 171 39#####',
    cities: [
      ['Berlin', 'Berlin', '10###'],
      ['München', 'Bayern', '80###'],
      ['Hamburg', 'Hamburg', '20###'],
      ['Köln', 'Nordrhein-Westfalen', '50###'],
    ],
    streets: list('Hauptstraße|Bahnhofstraße|Lindenweg|Gartenstraße|Schillerstraße'),
  },
  {
    code: 'FR',
    weight: 8,
    language: 'fr',
    numberAfterStreet: false,
    phone: '+33 6 39 98 ## ##',
    cities: [
      ['Paris', 'Île-de-France', '750##'],
      ['Lyon', 'Auvergne-Rhône-Alpes', '6900#'],
      ['Marseille', "Provence-Alpes-Côte d'Azur", '130##'],
      ['Toulouse', 'Occitanie', '310##'],
    ],
    streets: list('rue de la Paix|avenue Victor Hugo|rue du Moulin|boulevard Voltaire|place de l’Église'),
  },
  {
    code: 'NL',
    weight: 7,
    language: 'nl',
    numberAfterStreet: true,
    phone: '+31 6 ########',
    cities: [
      ['Amsterdam', 'Noord-Holland', '10## @@'],
      ['Rotterdam', 'Zuid-Holland', '30## @@'],
      ['Utrecht', 'Utrecht', '35## @@'],
    ],
    streets: list('Kerkstraat|Dorpsstraat|Molenweg|Prinsengracht|Stationsplein'),
  },
  {
    code: 'IE',
    weight: 5,
    language: 'en',
    numberAfterStreet: false,
    phone: '+353 85 ### ####',
    cities: [
      ['Dublin', 'Co. Dublin', 'D0# @###'],
      ['Cork', 'Co. Cork', 'T12 @###'],
      ['Galway', 'Co. Galway', 'H91 @###'],
    ],
    streets: list('Main Street|Church Road|Harbour View|Strand Road'),
  },
  {
    code: 'CA',
    weight: 5,
    language: 'en',
    numberAfterStreet: false,
    phone: '+1 4#6 555 01##',
    cities: [
      ['Toronto', 'ON', 'M5V #@#'],
      ['Vancouver', 'BC', 'V6B #@#'],
      ['Montréal', 'QC', 'H2X #@#'],
    ],
    streets: list('King Street West|Granville Street|Rue Sainte-Catherine|Queen Street'),
  },
  {
    code: 'AU',
    weight: 5,
    language: 'en',
    numberAfterStreet: false,
    phone: '+61 491 570 ###',
    cities: [
      ['Sydney', 'NSW', '20##'],
      ['Melbourne', 'VIC', '30##'],
      ['Brisbane', 'QLD', '40##'],
    ],
    streets: list('George Street|Collins Street|Beach Road|Bridge Road'),
  },
]

const countryWeights = countries.map((country) => [country, country.weight] as const)

export function pickCountry(random: Random): Country {
  return random.weighted(countryWeights)
}

const letters = 'ABCDEFGHJKLMNPRSTUVWXY'

/** Fills a pattern: `#` becomes a digit and `@` a capital letter. */
export function fillPattern(random: Random, pattern: string): string {
  let out = ''
  for (const ch of pattern) {
    if (ch === '#') out += String(random.int(0, 9))
    else if (ch === '@') out += letters[random.int(0, letters.length - 1)]
    else out += ch
  }
  return out
}

/** A street line such as "12 High Street" or "Hauptstraße 12". */
export function streetLine(random: Random, country: Country): string {
  const street = random.pick(country.streets)
  const number = random.chance(0.9) ? String(random.int(1, 240)) : `${random.int(1, 99)}${random.pick(['a', 'b', 'c'])}`
  return country.numberAfterStreet ? `${street} ${number}` : `${number} ${street}`
}

const secondLines = ['Flat #', 'Apt ##', 'Unit #', 'Suite ###', 'Floor #', 'c/o Reception']

export function secondLine(random: Random): string {
  return fillPattern(random, random.pick(secondLines))
}
