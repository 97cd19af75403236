import { eq } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { members } from '../../schema'
import { communityNameOf, unsubscribeMember } from '../delivery/unsubscribe'
import { askPage, badLinkPage, donePage, UNSUBSCRIBE_CSS } from '../delivery/unsubscribe-page'
import type { AppEnv } from '../deps'
import { Problem } from '../http/problem'

/** A browser opening the link gets pages; any other client JSON and problem+json, as elsewhere. */
const wantsPage = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('text/html')

const invalidLink = () => new Problem(404, 'This unsubscribe link is not valid.')

// The unsubscribe link of every email: no credentials, only the HMAC'd token in the link.
export const unsubscribeRoutes = new Hono<AppEnv>()
  // The pages' stylesheet (STYLESHEET_PATH), served by the app so the strict CSP
  // (style-src 'self') allows it.
  .get('/unsubscribe.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8')
    c.header('cache-control', 'public, max-age=86400')
    return c.body(UNSUBSCRIBE_CSS)
  })

  .get('/unsubscribe/:token', async (c) => {
    const { deps } = c.var
    const memberId = await unsubscribeMember(deps, c.req.param('token'))
    if (!memberId && !wantsPage(c)) throw invalidLink()
    if (!memberId) return c.html(badLinkPage(), 404)
    // A GET never unsubscribes: mail scanners open links; the member confirms with the button.
    return c.html(askPage(await communityNameOf(deps.db, memberId)))
  })

  .post('/unsubscribe/:token', async (c) => {
    const { deps } = c.var
    const memberId = await unsubscribeMember(deps, c.req.param('token'))
    const json = !wantsPage(c)
    if (!memberId) {
      if (json) throw invalidLink()
      return c.html(badLinkPage(), 404)
    }
    await deps.db.update(members).set({ unsubscribed: true }).where(eq(members.id, memberId))
    if (json) return c.json({ unsubscribed: true })
    return c.html(donePage(await communityNameOf(deps.db, memberId)))
  })
