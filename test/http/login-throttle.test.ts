import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Hono } from 'hono'
import { dialects } from '../helpers/test-db.js'
import { EditClient } from './edit-client.js'
import { createLoginFixture, logIn, password, type LoginFixture } from './login-fixture.js'

/** A client behind a trusted proxy that says it comes from `address`. */
function from(app: Hono<any>, address: string): EditClient {
  const wrapped = {
    request: (path: string, init: RequestInit) => {
      const headers = new Headers(init.headers)
      headers.set('x-forwarded-for', `203.0.113.77, ${address}`)
      return app.request(path, { ...init, headers })
    },
  }
  return new EditClient(wrapped as unknown as Hono)
}

const minutes = 60_000

for (const { name: dialect, create } of dialects) {
  describe(`login throttling on ${dialect}`, () => {
    let fx: LoginFixture
    let app: Hono<any>
    before(async () => {
      fx = await createLoginFixture(await create())
      app = fx.admin({ accounts: { target: fx.target, trustProxy: true, clock: () => fx.clock.now } })
    })
    after(async () => {
      await fx.close()
      await fx.test.drop()
    })

    it('five failures for one name block it (even the right password) with a 429 until the window passes', async () => {
      for (let i = 0; i < 5; i++) {
        assert.equal((await logIn(from(app, `10.0.0.${i}`), 'ada', 'wrong password')).status, 401)
        fx.clock.now += minutes
      }
      const blocked = await logIn(from(app, '10.0.1.1'), 'ada', password)
      assert.equal(blocked.status, 429)
      const html = await blocked.text()
      assert.match(
        html,
        /Too many failed logins for this name or from this address\. Nothing was checked: try again in 10 minutes\./,
      )
      assert.match(html, /value="ada"/)
      // The first failure leaves the 15-minute window 10 minutes from now.
      fx.clock.now += 9 * minutes
      const later = await logIn(from(app, '10.0.1.1'), 'ada', password)
      assert.equal(later.status, 429, 'still inside the window')
      assert.match(await later.text(), /try again in 1 minute\./)
      fx.clock.now += 1 * minutes
      assert.equal((await logIn(from(app, '10.0.1.1'), 'ada', password)).status, 303)
    })

    it('a successful login clears the name’s failures', async () => {
      fx.clock.now += 60 * minutes
      for (let i = 0; i < 4; i++) await logIn(from(app, '10.0.2.1'), 'ada', 'wrong password')
      assert.equal((await logIn(from(app, '10.0.2.1'), 'ada', password)).status, 303)
      for (let i = 0; i < 4; i++) await logIn(from(app, '10.0.2.1'), 'ada', 'wrong password')
      assert.equal((await logIn(from(app, '10.0.2.1'), 'ada', password)).status, 303)
    })

    it('twenty failures from one address block it for every name, with the wait in minutes', async () => {
      fx.clock.now += 60 * minutes
      for (let i = 0; i < 20; i++) {
        assert.equal((await logIn(from(app, '10.0.3.1'), `guess${i % 4}`, 'wrong password')).status, 401)
      }
      const blocked = await logIn(from(app, '10.0.3.1'), 'ada', password)
      assert.equal(blocked.status, 429)
      assert.match(await blocked.text(), /try again in 15 minutes/)
      assert.equal((await logIn(from(app, '10.0.3.2'), 'ada', password)).status, 303, 'another address may log in')
      // Without trustProxy the header is not believed: the (in-process) socket has no address to block.
      const untrusted = from(fx.admin(), '10.0.3.1')
      assert.equal((await logIn(untrusted, 'ada', password)).status, 303, 'X-Forwarded-For ignored')
      fx.clock.now += 15 * minutes + 1
      assert.equal((await logIn(from(app, '10.0.3.1'), 'ada', password)).status, 303)
    })
  })
}
