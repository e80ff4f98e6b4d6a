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
      return macPattern.test(text) ? ok(text) : fail('Enter a MAC address like 08:00:2b:01:02:03.')
    }
    const [address = '', prefix, extra] = text.split('/')
    const version = isIP(address)
    const maxPrefix = version === 4 ? 32 : 128
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix)
    if (version === 0 || !prefixOk || extra !== undefined) {
      return fail('Enter an IP address like 192.168.0.1 or 10.0.0.0/8.')
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
