import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { unsubscribeToken } from '../../../api/delivery/unsubscribe'
import { testApp, type TestApp } from '../../helpers/app'
import { communityWith } from '../../helpers/fixtures'
import { setupOwner } from '../../helpers/http'
import { query } from '../../helpers/protocol'

const test = suite<{ t: TestApp; path: string }>(
  'unsubscribe pages: styled under the strict CSP, naming the community',
)
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  const owner = await setupOwner(ctx.t)
  const community = await communityWith(owner, { name: 'Riverside & <Makers>', members: 1 })
  ctx.path = `/api/unsubscribe/${await unsubscribeToken(ctx.t.deps, community.members[0].id)}`
})

const asBrowser = { accept: 'text/html,application/xhtml+xml' }
const unsubscribed = async (t: TestApp) =>
  Number((await query(t, 'select count(*) as n from members where unsubscribed = 1'))[0].n)

/** What a styled page must hold: the app's own stylesheet, and no style the CSP would refuse. */
function assertStyledUnderCsp(res: Response, html: string) {
  assert.match(res.headers.get('content-security-policy') ?? '', /style-src 'self'/)
  assert.ok(html.includes('<link rel="stylesheet" href="/api/unsubscribe.css">'))
  assert.not.match(html, /<style|\sstyle=|<script/i, 'nothing inline the CSP would refuse')
}

test('the page the link opens names the community (escaped), is styled, and only asks', async ({
  t,
  path,
}) => {
  const res = await t.app.request(path, { headers: asBrowser })
  assert.is(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/)
  const html = await res.text()
  assertStyledUnderCsp(res, html)
  assert.ok(html.includes('<title>Stop emails from Riverside &amp; &lt;Makers&gt;</title>'))
  assert.ok(html.includes('<h1>Stop emails from Riverside &amp; &lt;Makers&gt;</h1>'))
  assert.ok(
    html.includes(
      '<form method="post"><button type="submit">Stop emails from Riverside &amp; &lt;Makers&gt;</button></form>',
    ),
  )
  assert.not.ok(html.includes('<Makers>'), 'the name is never markup')
  assert.is(await unsubscribed(t), 0, 'opening the page changes nothing')
})

test('the confirmation after the button names the community, styled the same', async ({
  t,
  path,
}) => {
  const res = await t.app.request(path, { method: 'POST', headers: asBrowser })
  assert.is(res.status, 200)
  const html = await res.text()
  assertStyledUnderCsp(res, html)
  assert.ok(html.includes('<h1>No more emails from Riverside &amp; &lt;Makers&gt;</h1>'))
  assert.ok(
    html.includes(
      'trustpulse sends you no more email for <strong>Riverside &amp; &lt;Makers&gt;</strong>',
    ),
  )
  assert.not.ok(html.includes('<form'), 'nothing more to press')
  assert.is(await unsubscribed(t), 1)
})

test('the button works as a browser posts it from the page: Origin null (no-referrer), Sec-Fetch-Site same-origin; a cross-site post is still refused', async ({
  t,
  path,
}) => {
  const crossSite = await t.app.request(path, {
    method: 'POST',
    headers: { ...asBrowser, origin: 'null', 'sec-fetch-site': 'cross-site' },
  })
  assert.is(crossSite.status, 403)
  assert.is(await unsubscribed(t), 0)
  const pressed = await t.app.request(path, {
    method: 'POST',
    headers: {
      ...asBrowser,
      origin: 'null',
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
    },
  })
  assert.is(pressed.status, 200)
  assert.match(await pressed.text(), /<h1>No more emails from Riverside &amp; &lt;Makers&gt;<\/h1>/)
  assert.is(await unsubscribed(t), 1)
})

test('a link that is not ours gets a styled page that names no community', async ({ t, path }) => {
  const res = await t.app.request(path.slice(0, -2) + 'AA', { headers: asBrowser })
  assert.is(res.status, 404)
  const html = await res.text()
  assertStyledUnderCsp(res, html)
  assert.ok(html.includes('<h1>This link does not work</h1>'))
  assert.not.ok(html.includes('Riverside'))
})

test('the stylesheet is served by the app itself as CSS, light and dark, with no remote resource', async ({
  t,
}) => {
  const res = await t.app.request('/api/unsubscribe.css')
  assert.is(res.status, 200)
  assert.is(res.headers.get('content-type'), 'text/css; charset=utf-8')
  const css = await res.text()
  assert.match(css, /^:root \{/)
  assert.match(css, /@media \(prefers-color-scheme: dark\)/)
  assert.match(css, /button:focus-visible \{ outline: 3px solid var\(--focus\)/)
  assert.not.match(css, /url\(|@import/, 'nothing loaded from elsewhere')
})

test.run()
