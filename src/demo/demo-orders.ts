import type { DemoCatalog } from './demo-catalog.js'
import { centsToDecimal, customersSignedUpBy, formatTimestamp, type DemoPlan } from './demo-plan.js'
import type { Random } from './random.js'

export type OrderRow = [
  id: number,
  customerId: number,
  staffId: number | null,
  status: string,
  placedAt: string,
  shippedAt: string | null,
  total: number,
  externalRef: number | bigint | null,
]
export type OrderItemRow = [orderId: number, lineNo: number, productId: number, quantity: number, unitPrice: number]
export type PaymentRow = [
  id: number,
  orderId: number,
  method: string,
  amount: number,
  paidAt: string,
  receiptDigest: Buffer | null,
]

type Weights<T> = ReadonlyArray<readonly [T, number]>
const hour = 3600
const day = 86_400

// Orders grow with the customer base: the cumulative count goes as time^(1 / orderGrowth).
const orderGrowth = 0.8
const hourWeights: Weights<number> = [
  1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3, 3.2, 3.3, 3.5, 3.2, 3, 3, 3.1, 3.3, 3.8, 4.2, 4.3, 3.8, 2.8, 1.8,
].map((weight, h) => [h, weight] as const)
const lineCountWeights: Weights<number> = [
  [1, 22],
  [2, 24],
  [3, 20],
  [4, 14],
  [5, 9],
  [6, 6],
  [7, 3],
  [8, 2],
]
const quantityWeights: Weights<number> = [
  [1, 70],
  [2, 18],
  [3, 5],
  [4, 3],
  [5, 2],
  [10, 1],
  [12, 1],
]
const webMethods: Weights<string> = [
  ['card', 65],
  ['paypal', 25],
  ['bank_transfer', 7],
  ['gift_card', 3],
]
const counterMethods: Weights<string> = [
  ['card', 55],
  ['cash', 25],
  ['bank_transfer', 10],
  ['gift_card', 10],
]

// Recent orders are still moving through the pipeline; old ones are mostly delivered.
const lastDay: Weights<string> = [
  ['pending', 45],
  ['paid', 40],
  ['shipped', 10],
  ['cancelled', 5],
]
const lastDays: Weights<string> = [
  ['pending', 10],
  ['paid', 30],
  ['shipped', 50],
  ['delivered', 5],
  ['cancelled', 5],
]
const lastWeek: Weights<string> = [
  ['paid', 5],
  ['shipped', 35],
  ['delivered', 52],
  ['cancelled', 6],
  ['refunded', 2],
]
const older: Weights<string> = [
  ['delivered', 880],
  ['cancelled', 60],
  ['refunded', 40],
  ['shipped', 17],
  ['pending', 3],
]

function statusWeights(ageSeconds: number): Weights<string> {
  return ageSeconds < day ? lastDay : ageSeconds < 3 * day ? lastDays : ageSeconds < 10 * day ? lastWeek : older
}

// Marketplace order numbers: most fit a JS number, some are 64-bit snowflake ids that do not.
const largeRefBase = 1_130_000_000_000_000_000n
const smallRefBase = 4_000_000_000

/** Orders in time order, each with its lines and payments; totals are the exact sum of the lines. */
export function* generateOrders(
  plan: DemoPlan,
  catalog: DemoCatalog,
  random: Random,
): Generator<{ order: OrderRow; items: OrderItemRow[]; payments: PaymentRow[] }> {
  const nextPaymentId = counter()
  for (let i = 0; i < plan.orders; i++) {
    const id = i + 1
    const dayStart = Math.floor((plan.span * ((i + random.next()) / plan.orders) ** (1 / orderGrowth)) / day) * day
    const placed = Math.min(plan.span - 1, dayStart + random.weighted(hourWeights) * hour + random.int(0, hour - 1))
    const signedUp = customersSignedUpBy(plan, placed)
    // A third of orders come from long-standing regulars, the rest from anyone signed up by then.
    const customerIndex = random.chance(0.3) ? Math.floor(signedUp * random.next() ** 1.5) : random.int(0, signedUp - 1)
    const staffId = random.chance(0.3) ? random.int(1, plan.staff) : null
    const { items, totalCents } = orderLines(id, catalog, random)
    const settled = settle(plan, random, { id, placed, staffId, totalCents }, nextPaymentId)

    const fromMarketplace = staffId === null && random.chance(0.3)
    const ref = random.int(0, 999)
    const externalRef = !fromMarketplace
      ? null
      : random.chance(0.2)
        ? largeRefBase + BigInt(id * 1000 + ref)
        : smallRefBase + id * 1000 + ref

    const order: OrderRow = [
      id,
      customerIndex + 1,
      staffId,
      settled.status,
      formatTimestamp(plan, placed),
      settled.shipped === null ? null : formatTimestamp(plan, settled.shipped),
      centsToDecimal(totalCents),
      externalRef,
    ]
    yield { order, items, payments: settled.payments }
  }
}

function counter(): () => number {
  let n = 0
  return () => ++n
}

/** Distinct products, best sellers more often; a few lines carry a discount. */
function orderLines(orderId: number, catalog: DemoCatalog, random: Random) {
  const { popularity, priceCents } = catalog
  const items: OrderItemRow[] = []
  const chosen = new Set<number>()
  let totalCents = 0
  const lines = random.weighted(lineCountWeights)
  for (let lineNo = 1; lineNo <= lines; lineNo++) {
    let productId = 0
    for (let attempt = 0; attempt < 20 && (productId === 0 || chosen.has(productId)); attempt++) {
      productId = popularity[Math.floor(popularity.length * random.next() ** 2.5)] as number
    }
    chosen.add(productId)
    const quantity = random.weighted(quantityWeights)
    let cents = priceCents[productId - 1] as number
    if (random.chance(0.12)) cents = Math.round(cents * (1 - random.pick([0.1, 0.15, 0.2, 0.25])))
    totalCents += quantity * cents
    items.push([orderId, lineNo, productId, quantity, centsToDecimal(cents)])
  }
  return { items, totalCents }
}

interface PlacedOrder {
  readonly id: number
  readonly placed: number
  readonly staffId: number | null
  readonly totalCents: number
}

/**
 * The order's status with its payments and shipping time, all inside the window: payment follows the order,
 * shipping follows payment, a refund follows shipping. Pending and cancelled orders have no payment.
 */
function settle(plan: DemoPlan, random: Random, order: PlacedOrder, nextPaymentId: () => number) {
  const last = plan.span - 1
  const { id, placed, totalCents } = order
  const payments: PaymentRow[] = []
  const pay = (method: string, cents: number, at: number, digest: Buffer | null) =>
    payments.push([nextPaymentId(), id, method, centsToDecimal(cents), formatTimestamp(plan, at), digest])
  let status = random.weighted(statusWeights(plan.span - placed))
  let shipped: number | null = null
  if (status === 'pending' || status === 'cancelled') return { status, shipped, payments }

  const method = random.weighted(order.staffId === null ? webMethods : counterMethods)
  let paid = placed + (method === 'bank_transfer' ? random.int(2 * hour, 30 * hour) : random.int(5, 900))
  if (paid > last) return { status: 'pending', shipped, payments } // the transfer has not arrived yet

  // Some customers pay part with a gift card; a card that covers the whole order is the only payment.
  const giftCents = method !== 'gift_card' && random.chance(0.08) ? random.pick([1000, 2500, 5000]) : 0
  const split = giftCents > 0 && giftCents < totalCents
  if (split) {
    pay('gift_card', giftCents, paid, null)
    paid = Math.min(last, paid + random.int(1, 60))
  }
  const main = giftCents >= totalCents ? 'gift_card' : method
  const digest = (main === 'card' || main === 'paypal') && random.chance(0.7) ? random.bytes(16) : null
  pay(main, split ? totalCents - giftCents : totalCents, paid, digest)

  if (status === 'shipped' || status === 'delivered' || status === 'refunded') {
    shipped = paid + random.int(2 * hour, 72 * hour)
    if (shipped > last) {
      status = 'paid'
      shipped = null
    } else if (status === 'refunded') {
      pay(main, -totalCents, Math.min(last, shipped + random.int(3 * day, 25 * day)), null)
    }
  }
  return { status, shipped, payments }
}
