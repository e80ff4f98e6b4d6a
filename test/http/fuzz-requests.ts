import type { Column, ColumnKind, Table } from '../../src/introspect/metadata.js'
import { listPathOf } from './crawl-pages.js'
import { csrfField } from '../../src/http/middleware/csrf.js'

/** A small seeded generator (mulberry32): the same seed gives the same requests on every run. */
export function seededRandom(seed: number) {
  let state = seed | 0
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  return { next, int, pick }
}
export type Random = ReturnType<typeof seededRandom>

const nul = '\u0000'

/**
 * Values no column of the fixtures should take as they are, or only some: wrong types, out of range, broken
 * grammar, NUL bytes, huge text. None contains the words the test looks for in pages (driver text).
 */
export const badValues: readonly string[] = [
  '',
  ' ',
  'abc',
  '-',
  '+',
  '.',
  '1e999',
  '-1e999',
  '1e5',
  '99999999999999999999999999',
  '-9223372036854775809',
  '9223372036854775808',
  '2147483648',
  '32768',
  '1.5',
  '-0',
  'Infinity',
  '-Infinity',
  '0x1F',
  '2024-13-45',
  '2024-02-30',
  '0000-01-01',
  '99999-01-01',
  '2024-01-01T25:00',
  '2024-01-01 10:00:00+99',
  '25:61:00',
  '24:00:00.5',
  'P1X',
  '1 fortnight',
  '1 day 1 day',
  '99999999999 years',
  'maybe',
  '{',
  '{1,2',
  '[1,',
  '{"a":',
  '::1/200',
  '300.1.1.1',
  '10.0.0.1/8',
  'zz:zz',
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '~x',
  '~0',
  '$1,2,3',
  '$abc',
  '92233720368547758.08',
  '1,234.56',
  '%',
  '_',
  "'",
  '"',
  '\\',
  '<b>bold</b>',
  'ünï ✓',
  '🎉',
  `a${nul}b`,
  nul,
  'x'.repeat(5000),
  '9'.repeat(400),
]

/** Values at the edge of what each kind's column holds: some pass the kind and must still not upset the database. */
const borderline: Readonly<Partial<Record<ColumnKind, readonly string[]>>> = {
  date: ['0000-01-01', '99999-01-01', '5874898-01-01', '4714-11-23 BC', '2024-02-29', 'infinity', '0001-01-01 BC'],
  datetime: [
    '0000-01-01 00:00:00',
    '294277-01-01 00:00:00',
    '2024-01-01 10:00:00+99',
    '2024-01-01 10:00:00+16',
    '2024-01-01',
    '2024-01-01T10:00',
    '99999-12-31',
    '4714-11-23 00:00:00 BC',
  ],
  time: ['24:00:00.1', '10:00+16', '24:00:00', '23:59:60', '10:00:00+15:59'],
  decimal: ['Infinity', '-Infinity', '1'.repeat(200), '9999999999.995', '0.00000000001'],
  float: ['1e39', '1e-46', '1e308', '-0', '4e-324'],
  integer: ['2147483648', '-2147483649', '32768', '-32769', '4294967296'],
  bigint: ['9223372036854775808', '-9223372036854775809'],
  network: ['10.0.0.1/8', '::1/64', '08:00:2b:01:02:03:04:05', 'fe80::1%eth0', '1.2.3.4/33'],
  interval: ['P1X', '1 fortnight', '99999999999 years', '2147483648 days', '25:61:00', '1 day 1 day', 'infinity'],
  text: ['$abc', '92233720368547758.08', '102', 'x1G', '1,234.5', '-$1'],
  uuid: ['{00000000-0000-0000-0000-000000000001}', '00000000000000000000000000000001'],
  boolean: ['maybe', '2', 'yes'],
  json: ['{"a":"\\u0000"}', '"\\ud800"'],
}

/** A value for a column: mostly one at the edge of its kind, else any bad one. */
export function valueFor(random: Random, column: Column | undefined): string {
  const edge = column ? borderline[column.kind] : undefined
  return edge && random.int(3) > 0 ? random.pick(edge) : random.pick(badValues)
}

/** Record keys as path segments (already percent-encoded where they need it): bad for every key type. */
const badKeys: readonly string[] = [
  '~x',
  '~x00',
  '~xzz',
  '~x0',
  '~0',
  '~-',
  '~',
  '~q',
  'abc',
  '0',
  '-1',
  '1,2',
  '1,2,3',
  ',',
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%FF',
  '99999999999999999999',
  '1e999',
  '~.',
  'x'.repeat(3000),
  '00000000-0000-0000-0000-00000000000g',
  '2024-02-30',
  '%25',
]

const cursors: readonly string[] = [
  '~x',
  '~x00',
  '~0',
  '~-',
  '~',
  'abc',
  '1',
  '1,2',
  '1,2,3',
  '~0,~0',
  `1${nul}`,
  nul,
  '1e999',
  '99999999999999999999',
  '-9223372036854775809',
  'x'.repeat(3000),
  '2024-02-30',
  'not-a-uuid',
]

export interface FuzzRequest {
  readonly label: string
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string | URLSearchParams | FormData
  /** What the body is, for the expectations: a JSON or text body must be a 415, a broken form a 400 (or 403). */
  readonly shape?: 'not-a-form' | 'malformed' | 'form'
}

/** A list address: 1 to 4 parameters, known and unknown, each with a bad or borderline value. */
export function listRequest(random: Random, table: Table): FuzzRequest {
  const columns = table.columns.map((column) => column.name)
  const query = new URLSearchParams()
  const value = () => random.pick(badValues)
  const generators: (() => void)[] = [
    () => query.append('q', value()),
    () => query.append('sort', random.pick([...columns, ...columns.map((c) => `-${c}`), 'nope', '--x', nul, '-'])),
    () => query.append('page', random.pick(['0', '-1', '1.5', 'abc', '99999999999', '2', nul])),
    () => query.append('size', random.pick(['0', '7', '25', '1e3', 'abc', '-25'])),
    () => query.append(random.pick(['after', 'before']), random.pick(cursors)),
    () => {
      // A position on the key, or on a column that may be unique: the value must be parsed as that column's.
      const column = random.pick(table.columns)
      query.append('sort', random.pick([column.name, `-${column.name}`]))
      query.append(random.pick(['after', 'before']), valueFor(random, column))
    },
    () => {
      const column = random.pick(table.columns)
      query.append(`f.${column.name}`, valueFor(random, column))
    },
    () => {
      const column = random.pick(table.columns)
      query.append(
        `f.${column.name}.${random.pick(['gte', 'lte', 'gte', 'lte', 'null', 'in', 'bogus'])}`,
        valueFor(random, column),
      )
    },
    () => query.append(random.pick(['f.nope', 'zzz', 'f.', 'f..gte', `f.${nul}`]), value()),
  ]
  // Mostly one parameter, so that a value that passes parsing reaches the query instead of hiding behind another's 400.
  if (random.int(10) === 0) {
    // The foreign-key picker's search: a column to match and a term typed by the column's kind.
    const column = random.pick(table.columns)
    const lookup = new URLSearchParams([
      ['column', random.int(4) === 0 ? random.pick(['nope', nul, '']) : column.name],
      ['q', valueFor(random, column)],
    ])
    return { label: 'list', method: 'GET', path: `${listPathOf(table)}lookup?${lookup}` }
  }
  const count = random.int(5) < 3 ? 1 : 2 + random.int(3)
  for (let i = 0; i < count; i++) random.pick(generators)()
  return { label: 'list', method: 'GET', path: `${listPathOf(table)}?${query}` }
}

/** A record page (detail, edit, delete, history) under a key that is bad for the table's key type. */
export function recordRequest(random: Random, table: Table): FuzzRequest {
  const keyColumn = table.columns.find((column) => column.name === table.primaryKey[0])
  const roll = random.int(4)
  const key =
    roll === 0
      ? encodeURIComponent(random.pick(badValues))
      : roll === 1
        ? encodeURIComponent(valueFor(random, keyColumn))
        : random.pick(badKeys)
  const page = random.pick(['', '/edit', '/delete', '/history'])
  return { label: 'record', method: 'GET', path: `${listPathOf(table)}row/${key}${page}` }
}

export interface FormContext {
  readonly token: string
  /** Paths of existing rows (`…/row/{key}`), to post edits and deletes that reach the parsing of values. */
  readonly rowPaths: readonly string[]
}

/** A POST to create, edit, delete or bulk delete: JSON or text bodies, broken multipart, bad values, with or without a token. */
export function formRequest(random: Random, table: Table, ctx: FormContext): FuzzRequest {
  const list = listPathOf(table)
  const rows = ctx.rowPaths.filter((path) => path.startsWith(`${list}row/`))
  const row = rows.length > 0 && random.int(3) > 0 ? random.pick(rows) : `${list}row/${random.pick(badKeys)}`
  const target = random.pick([
    `${list.slice(0, -1)}/new`,
    `${row}/edit`,
    `${row}/delete`,
    `${list.slice(0, -1)}/delete`,
  ])
  const withToken = random.int(5) > 0
  const headers: Record<string, string> = { Origin: 'http://localhost' }
  const shape = random.pick(['not-a-form', 'malformed', 'form', 'form', 'form'] as const)
  if (shape === 'not-a-form') {
    if (withToken) headers['x-csrf-token'] = ctx.token
    const [type, body] = random.pick([
      ['application/json', JSON.stringify({ [csrfField]: ctx.token, 'v:id': 1, key: ['1'], confirm: '1' })],
      ['application/json', '{"broken":'],
      ['text/plain', `${csrfField}=${ctx.token}&confirm=1`],
      ['application/xml', '<row><id>1</id></row>'],
      ['application/octet-stream', '\u0000\u0001'],
    ])
    return {
      label: 'not a form',
      method: 'POST',
      path: target,
      headers: { ...headers, 'content-type': type! },
      body: body!,
      shape,
    }
  }
  if (shape === 'malformed') {
    if (withToken) headers['x-csrf-token'] = ctx.token
    const boundary = 'fuzzboundary'
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
    const [type, body] = random.pick([
      [
        `multipart/form-data; boundary=${boundary}`,
        `${part('a"b', 'x')}${part(csrfField, ctx.token)}--${boundary}--\r\n`,
      ],
      [`multipart/form-data; boundary=${boundary}`, `${part(csrfField, ctx.token)}--other--\r\n`],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\ntrunc`,
      ],
      ['multipart/form-data', `${part(csrfField, ctx.token)}--${boundary}--\r\n`],
      [`multipart/form-data; boundary=${boundary}`, 'no parts at all'],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--\r\n`,
      ],
    ])
    return {
      label: 'malformed form',
      method: 'POST',
      path: target,
      headers: { ...headers, 'content-type': type! },
      body: body!,
      shape,
    }
  }
  const pairs: [string, string][] = withToken ? [[csrfField, ctx.token]] : []
  for (const column of table.columns) {
    const roll = random.int(6)
    if (roll === 0) continue
    if (roll === 1) pairs.push([`null:${column.name}`, random.pick(['on', '1', 'x'])])
    else if (roll === 2) pairs.push([`keep:${column.name}`, random.pick(['1', 'x'])])
    else pairs.push([`v:${column.name}`, valueFor(random, column)])
  }
  if (random.int(2) === 0) pairs.push(['_version', random.pick(['', 'garbage', '{}', nul, 'x'.repeat(2000)])])
  if (random.int(3) === 0) pairs.push(['_action', random.pick(['save', 'another', 'continue', 'nope'])])
  if (target.endsWith('/delete')) {
    for (let i = random.int(3); i > 0; i--) pairs.push(['key', random.pick([...badKeys, ...badValues, ...cursors])])
    if (random.int(2) === 0) pairs.push(['confirm', '1'])
  }
  if (random.int(4) === 0) pairs.push([random.pick(['zzz', `v:nope`, nul]), random.pick(badValues)])
  let body: URLSearchParams | FormData
  if (random.int(3) === 0) {
    body = new FormData()
    for (const [name, value] of pairs) body.append(name, value)
  } else body = new URLSearchParams(pairs)
  return { label: 'form', method: 'POST', path: target, headers, body, shape }
}
