/** What a Postgres typmod says about a value's size, decoded per type. */
export interface TypeModifiers {
  readonly length: number | null
  readonly precision: number | null
  readonly scale: number | null
}

const none: TypeModifiers = { length: null, precision: null, scale: null }
// The 4 bytes of a varlena header are counted into the typmod of char, varchar and numeric.
const varlenaHeader = 4

/**
 * Decodes `typmod` for the scalar type `typeName` (pg_type.typname; for an array, its element's).
 * The numeric layout is `((precision << 16) | (scale & 0x7ff)) + 4`, the scale an 11-bit signed
 * number since PostgreSQL 15 allows negative scales (src/backend/utils/adt/numeric.c).
 */
export function decodeTypeModifiers(typeName: string, typmod: number | null): TypeModifiers {
  if (typmod === null || typmod < 0) return none
  switch (typeName) {
    case 'bpchar':
    case 'varchar':
      return typmod >= varlenaHeader ? { ...none, length: typmod - varlenaHeader } : none
    case 'numeric': {
      if (typmod < varlenaHeader) return none
      const packed = typmod - varlenaHeader
      return { length: null, precision: (packed >> 16) & 0xffff, scale: ((packed & 0x7ff) ^ 1024) - 1024 }
    }
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
      return { ...none, precision: typmod }
    default:
      return none
  }
}
