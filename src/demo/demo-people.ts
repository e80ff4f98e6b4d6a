import { customerSignupOffset, formatTimestamp, type DemoPlan } from './demo-plan.js'
import { countries, fillPattern, pickCountry, secondLine, streetLine } from './places.js'
import type { Random } from './random.js'
import { customerNotes, emailDomains, firstNames, lastNames } from './words.js'

export type StaffRow = [id: number, name: string, email: string, role: string]
export type CustomerRow = [
  id: number,
  firstName: string,
  lastName: string,
  email: string,
  phone: string | null,
  tier: string,
  isActive: 0 | 1,
  preferences: string,
  notes: string | null,
  createdAt: string,
]
export type AddressRow = [
  id: number,
  customerId: number,
  label: string,
  line1: string,
  line2: string | null,
  city: string,
  region: string | null,
  postcode: string,
  country: string,
]

/** Hands out e-mail addresses, adding a number when one is taken, so UNIQUE(email) always holds. */
class EmailBook {
  private readonly taken = new Set<string>()

  claim(local: string, domain: string): string {
    let email = `${local}@${domain}`
    for (let n = 2; this.taken.has(email); n++) email = `${local}${n}@${domain}`
    this.taken.add(email)
    return email
  }
}

function asciiWord(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

const staffRoleWeights = [
  ['support', 60],
  ['warehouse', 35],
  ['manager', 5],
] as const

/** One admin, two managers, then mostly support and warehouse staff. */
export function generateStaff(plan: DemoPlan, random: Random): StaffRow[] {
  const emails = new EmailBook()
  const rows: StaffRow[] = []
  for (let id = 1; id <= plan.staff; id++) {
    const first = random.pick(firstNames)
    const last = random.pick(lastNames)
    const role = id === 1 ? 'admin' : id <= 3 ? 'manager' : random.weighted(staffRoleWeights)
    const email = emails.claim(`${asciiWord(first)}.${asciiWord(last)}`, 'harborandpine.example')
    rows.push([id, `${first} ${last}`, email, role])
  }
  return rows
}

const tierWeights = [
  ['bronze', 60],
  ['silver', 25],
  ['gold', 12],
  ['platinum', 3],
] as const
const addressCountWeights = [
  [0, 8],
  [1, 62],
  [2, 24],
  [3, 6],
] as const
const contactChannels = ['email', 'phone', 'sms']

function emailLocal(random: Random, first: string, last: string): string {
  const f = asciiWord(first)
  const l = asciiWord(last)
  switch (random.int(0, 4)) {
    case 0:
      return `${f}.${l}`
    case 1:
      return `${f}${l}`
    case 2:
      return `${f.charAt(0)}.${l}`
    case 3:
      return `${f}_${l}${random.int(70, 99)}`
    default:
      return `${f}.${l}${random.int(1, 999)}`
  }
}

function preferences(random: Random, language: string, createdAt: string): string {
  if (random.chance(0.1)) return '{}'
  const prefs: Record<string, unknown> = { newsletter: random.chance(0.4), language }
  if (random.chance(0.6)) prefs.contact = random.pick(contactChannels)
  if (random.chance(0.15)) prefs.marketing_consent_at = createdAt.replace(' ', 'T') + 'Z'
  return JSON.stringify(prefs)
}

/** Customers in sign-up order, each with its addresses (ids of both count up from 1). */
export function* generateCustomers(
  plan: DemoPlan,
  random: Random,
): Generator<{ customer: CustomerRow; addresses: AddressRow[] }> {
  const emails = new EmailBook()
  let addressId = 0
  for (let i = 0; i < plan.customers; i++) {
    const id = i + 1
    const first = random.pick(firstNames)
    const last = random.pick(lastNames)
    const country = pickCountry(random)
    const createdAt = formatTimestamp(plan, customerSignupOffset(plan, i))
    const roll = random.next()
    const notes = roll < 0.7 ? null : roll < 0.82 ? '' : random.pick(customerNotes)
    const customer: CustomerRow = [
      id,
      first,
      last,
      emails.claim(emailLocal(random, first, last), random.pick(emailDomains)),
      random.chance(0.75) ? fillPattern(random, country.phone) : null,
      random.weighted(tierWeights),
      random.chance(0.93) ? 1 : 0,
      preferences(random, country.language, createdAt),
      notes,
      createdAt,
    ]
    const addresses: AddressRow[] = []
    const count = random.weighted(addressCountWeights)
    for (let n = 0; n < count; n++) {
      // A second address is usually in the same country (work), sometimes abroad (family, holiday home).
      const where = n === 0 || random.chance(0.8) ? country : random.pick(countries)
      const [city, region, postcode] = random.pick(where.cities)
      addresses.push([
        ++addressId,
        id,
        n === 0 ? 'home' : random.chance(0.6) ? 'work' : 'other',
        streetLine(random, where),
        random.chance(0.2) ? secondLine(random) : null,
        city,
        region,
        fillPattern(random, postcode),
        where.code,
      ])
    }
    yield { customer, addresses }
  }
}
