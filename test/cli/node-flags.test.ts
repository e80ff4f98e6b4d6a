import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { binNodeFlags } from '../../bench/bin-flags.js'

const root = new URL('../../', import.meta.url)
const bin = new URL('bin/steward.js', root).pathname

describe('the Node flags steward runs with', () => {
  it('are on the bin’s #! line, and npm’s start and steward scripts pass the same ones', () => {
    const flags = binNodeFlags(bin)
    assert.deepEqual(flags, ['--max-semi-space-size=8'])
    const { scripts } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      scripts: Record<string, string>
    }
    assert.equal(scripts['start'], `node ${flags.join(' ')} bin/steward.js start`)
    assert.equal(scripts['steward'], `node ${flags.join(' ')} bin/steward.js`)
  })

  it('start the bin run as a shell runs it, through its #! line', () => {
    const help = execFileSync(bin, ['--help'], { encoding: 'utf8' })
    assert.match(help, /^Usage: steward <command>/)
  })
})
