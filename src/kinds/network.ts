import { isIP } from 'node:net'
import { z } from 'zod'
import { formatAs, plainText } from './display-value.js'
import type { Kind } from './kind.js'
import { fail, ok } from './parse-result.js'

const macPattern = /^[0-9a-f]{2}([:.-]?[0-9a-f]{2}){5}(([:.-]?[0-9a-f]{2}){2})?$/i

/** inet, cidr, macaddr(8): checked for shape here; the server normalizes the spelling. */
export const networkKind: Kind = {
  name: 'network',
  searchable: false,
  filterOperators: ['eq', 'null'],
  format: formatAs('mono'),
  parse(input, column) {
    const text = input.trim()
    if (column.baseType.startsWith('macaddr')) {
      // macaddr holds 6 bytes; macaddr8 holds 8 and takes 6 too.
      const bytes = text.replace(/[:.-]/g, '').length / 2
      const fits = column.baseType === 'macaddr8' || bytes === 6
      return macPattern.test(text) && fits ? ok(text) : fail('Enter a MAC address like 08:00:2b:01:02:03.')
    }
    const [address = '', prefix, extra] = text.split('/')
    // Node accepts an IPv6 zone (`fe80::1%eth0`); Postgres does not.
    const version = address.includes('%') ? 0 : isIP(address)
    const maxPrefix = version === 4 ? 32 : 128
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix)
    if (version === 0 || !prefixOk || extra !== undefined) {
      return fail('Enter an IP address like 192.168.0.1 or 10.0.0.0/8.')
    }
    if (column.baseType === 'cidr' && prefix !== undefined && hostBitsSet(address, version, Number(prefix))) {
      return fail('A network address has no bits set after its prefix (10.0.0.0/8, not 10.0.0.1/8).')
    }
    return ok(text)
  },
  schema: () => z.string(),
  widget: (column) => ({
    type: 'text',
    placeholder: column.baseType.startsWith('macaddr') ? '08:00:2b:01:02:03' : '192.168.0.1/24',
  }),
  toInput: (value) => plainText(value),
}

/** Whether `address` has a bit set past the first `prefix` bits (cidr refuses such a value). */
function hostBitsSet(address: string, version: number, prefix: number): boolean {
  const bits = version === 4 ? ipv4Bits(address) : ipv6Bits(address)
  return bits === undefined || bits.slice(prefix).includes('1')
}

function ipv4Bits(address: string): string | undefined {
  const parts = address.split('.').map(Number)
  return parts.length === 4 ? parts.map((part) => part.toString(2).padStart(8, '0')).join('') : undefined
}

function ipv6Bits(address: string): string | undefined {
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) is two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1]
  const v4 = tail ? ipv4Bits(tail) : undefined
  const text =
    tail && v4
      ? `${address.slice(0, -tail.length)}${parseInt(v4.slice(0, 16), 2).toString(16)}:${parseInt(v4.slice(16), 2).toString(16)}`
      : address
  const [head = '', rest] = text.split('::')
  const left = head ? head.split(':') : []
  const right = rest ? rest.split(':') : []
  const groups =
    rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  if (groups.length !== 8) return undefined
  return groups.map((group) => parseInt(group, 16).toString(2).padStart(16, '0')).join('')
}
