import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createProgressBar, renderProgressBar } from '../../src/demo/progress-bar.js'

describe('renderProgressBar', () => {
  it('fills the bar in proportion and clamps out-of-range progress', () => {
    assert.equal(renderProgressBar('Build', 0, 10, 10), 'Build [----------]   0%')
    assert.equal(renderProgressBar('Build', 45, 100, 10), 'Build [#####-----]  45%')
    assert.equal(renderProgressBar('Build', 12, 10, 10), 'Build [##########] 100%')
    assert.equal(renderProgressBar('Build', 0, 0, 4), 'Build [####] 100%')
  })
})

describe('createProgressBar', () => {
  it('redraws in place only when the line changes, and clears it at the end', () => {
    const written: string[] = []
    const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream
    const bar = createProgressBar(stream, 'Build')
    bar.update(0, 100)
    bar.update(0, 100)
    bar.update(100, 100)
    bar.clear()
    assert.equal(written.length, 3)
    assert.match(written[0] ?? '', /^\rBuild \[-+\]   0%$/)
    assert.match(written[1] ?? '', /^\rBuild \[#+\] 100%$/)
    assert.equal(written[2], '\r\x1b[2K')
  })

  it('writes nothing to clear when it never drew', () => {
    const written: string[] = []
    createProgressBar({ write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, 'x').clear()
    assert.deepEqual(written, [])
  })
})
