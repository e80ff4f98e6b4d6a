import { centsToDecimal, type DemoPlan } from './demo-plan.js'
import type { Random } from './random.js'
import { catalog, colours, list, productAdjectives, productClaims, tagNames } from './words.js'

export type CategoryRow = [id: number, parentId: number | null, name: string, slug: string]
export type TagRow = [id: number, name: string]
export type ProductRow = [
  id: number,
  sku: string,
  name: string,
  description: string | null,
  price: number,
  categoryId: number | null,
  stock: number,
  attributes: string | null,
]
export type ProductTagRow = [productId: number, tagId: number]

/** The shop's catalogue, plus what the order generator needs to know about it. */
export interface DemoCatalog {
  readonly categories: CategoryRow[]
  readonly tags: TagRow[]
  readonly products: ProductRow[]
  readonly productTags: ProductTagRow[]
  /** Price in cents of product id `i + 1`. */
  readonly priceCents: Int32Array
  /** Product ids, best sellers first. */
  readonly popularity: Int32Array
}

interface Leaf {
  readonly id: number
  readonly top: string
  readonly materials: readonly string[]
  readonly nouns: readonly string[]
}

// Price ranges in whole currency units per top category; prices are drawn log-uniformly in between.
const priceRanges: Readonly<Record<string, readonly [number, number]>> = {
  Kitchen: [4, 180],
  Home: [9, 900],
  Garden: [3, 600],
  Office: [2, 150],
  Electronics: [9, 400],
  Apparel: [8, 350],
}
const priceEndings = [
  [99, 60],
  [0, 20],
  [50, 10],
  [95, 10],
] as const
const tagCountWeights = [
  [0, 25],
  [1, 35],
  [2, 25],
  [3, 10],
  [4, 5],
] as const
const sizes = ['XS', 'S', 'M', 'L', 'XL']

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')

/** A three-level category tree: parents get smaller ids than their children. */
function categoryTree(): { categories: CategoryRow[]; leaves: Leaf[] } {
  const categories: CategoryRow[] = []
  const leaves: Leaf[] = []
  for (const [top, materials, children] of catalog) {
    const topId = categories.push([categories.length + 1, null, top, slugify(top)])
    const middles = new Map<string, number>()
    for (const [middle, leaf, nouns] of children) {
      let middleId = middles.get(middle)
      if (middleId === undefined) {
        middleId = categories.push([categories.length + 1, topId, middle, slugify(`${top} ${middle}`)])
        middles.set(middle, middleId)
      }
      const leafId = categories.push([categories.length + 1, middleId, leaf, slugify(`${top} ${middle} ${leaf}`)])
      leaves.push({ id: leafId, top, materials: list(materials), nouns: list(nouns) })
    }
  }
  return { categories, leaves }
}

function attributes(random: Random, top: string): string | null {
  if (random.chance(0.05)) return null
  const attrs: Record<string, unknown> = { colour: random.pick(colours), weight_g: random.int(1, 400) * 25 }
  if (top === 'Apparel') attrs.sizes = sizes.slice(random.int(0, 1), random.int(3, 5))
  if (top === 'Electronics') {
    attrs.warranty_months = random.pick([12, 24])
    attrs.wireless = random.chance(0.6)
  }
  if (top === 'Kitchen') attrs.dishwasher_safe = random.chance(0.5)
  if (top === 'Home') attrs.dimensions_cm = [random.int(20, 200), random.int(20, 90), random.int(10, 200)]
  if (top === 'Garden') attrs.outdoor = true
  return JSON.stringify(attrs)
}

export function generateCatalog(plan: DemoPlan, random: Random): DemoCatalog {
  const { categories, leaves } = categoryTree()
  const tags: TagRow[] = tagNames.map((name, i) => [i + 1, name])
  const products: ProductRow[] = []
  const productTags: ProductTagRow[] = []
  const priceCents = new Int32Array(plan.products)
  for (let id = 1; id <= plan.products; id++) {
    const leaf = random.pick(leaves)
    const material = random.pick(leaf.materials)
    const noun = random.pick(leaf.nouns)
    const adjective = random.pick(productAdjectives)
    const name = random.chance(0.7) ? `${adjective} ${material} ${noun}` : `${material} ${noun}`
    const [low, high] = priceRanges[leaf.top] as readonly [number, number]
    const units = Math.floor(low * (high / low) ** random.next())
    const cents = Math.max(199, units * 100 + random.weighted(priceEndings))
    priceCents[id - 1] = cents
    const description = random.chance(0.1)
      ? null
      : `${adjective} ${noun.toLowerCase()} in ${material.toLowerCase()}. ${random.pick(productClaims)}`
    const stock = random.chance(0.08) ? 0 : Math.floor(500 * random.next() ** 2)
    const sku = `${leaf.top.slice(0, 3).toUpperCase()}-${String(id).padStart(6, '0')}`
    const categoryId = random.chance(0.03) ? null : leaf.id
    products.push([id, sku, name, description, centsToDecimal(cents), categoryId, stock, attributes(random, leaf.top)])
    const tagIds = random
      .shuffled(tags)
      .slice(0, random.weighted(tagCountWeights))
      .map(([tagId]) => tagId)
    for (const tagId of tagIds.sort((a, b) => a - b)) productTags.push([id, tagId])
  }
  const popularity = Int32Array.from(random.shuffled(products.map(([id]) => id)))
  return { categories, tags, products, productTags, priceCents, popularity }
}
