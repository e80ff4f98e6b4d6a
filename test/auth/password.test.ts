import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hashPassword, needsRehash, verifyNobody, verifyPassword } from '../../src/auth/password.js'

// A low cost keeps the suite fast; the format and the checks are the same at any cost.
const cheap = { logN: 10, r: 8, p: 1 }

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse', cheap)
    assert.match(hash, /^scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/)
    assert.equal(await verifyPassword('correct horse', hash), true)
    assert.equal(await verifyPassword('correct horsf', hash), false)
    assert.equal(await verifyPassword('', hash), false)
  })

  it('salts every hash', async () => {
    assert.notEqual(await hashPassword('same', cheap), await hashPassword('same', cheap))
  })

  it('reads the cost from the hash, so hashes made with other parameters still verify', async () => {
    const hash = await hashPassword('pw', { logN: 11, r: 4, p: 2 })
    assert.equal(await verifyPassword('pw', hash), true)
    assert.equal(needsRehash(hash, cheap), true, 'r=4 is weaker than r=8')
    assert.equal(needsRehash(await hashPassword('pw', cheap), cheap), false)
  })

  it('treats composed and decomposed Unicode as the same password', async () => {
    const hash = await hashPassword('caf\u00e9', cheap)
    assert.equal(await verifyPassword('cafe\u0301', hash), true)
  })

  it('refuses malformed and hostile hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$ln=40,r=8,p=1$AAAA$AAAA', 'scrypt$ln=10,r=8,p=1$AAAA$AAAA', 'bcrypt$x'])
      assert.equal(await verifyPassword('pw', bad), false, bad)
    assert.equal(needsRehash('garbage'), true)
  })

  it('answers false for an unknown user', async () => {
    assert.equal(await verifyNobody('anything'), false)
  })
})
