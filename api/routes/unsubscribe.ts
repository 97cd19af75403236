import { eq } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { members } from '../../schema'
import { unsubscribeMember } from '../delivery/unsubscribe'
import type { AppEnv } from '../deps'
import { Problem } from '../http/problem'

/** A browser opening the link gets pages; any other client JSON and problem+json, as elsewhere. */
const wantsPage = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('text/html')

const invalidLink = () => new Problem(404, 'This unsubscribe link is not valid.')

// The unsubscribe link of every email: no credentials, only the HMAC'd token in the link.
export const unsubscribeRoutes = new Hono<AppEnv>()
  .get('/unsubscribe/:token', async (c) => {
    const memberId = await unsubscribeMember(c.var.deps, c.req.param('token'))
    if (!memberId && !wantsPage(c)) throw invalidLink()
    if (!memberId)
      return c.html(
        page(
          'This link does not work',
          '<p>This unsubscribe link is not valid. Copy the whole link from the email.</p>',
        ),
        404,
      )
    // A GET never unsubscribes: mail scanners open links; the member confirms with the button.
    return c.html(
      page(
        'Stop emails from trustpulse',
        '<p>Press the button to stop all email from this community on trustpulse. You can still answer pulses on the device where you joined.</p>' +
          '<form method="post"><button type="submit">Stop emails</button></form>',
      ),
    )
  })

  .post('/unsubscribe/:token', async (c) => {
    const { deps } = c.var
    const memberId = await unsubscribeMember(deps, c.req.param('token'))
    const json = !wantsPage(c)
    if (!memberId) {
      if (json) throw invalidLink()
      return c.html(
        page('This link does not work', '<p>This unsubscribe link is not valid.</p>'),
        404,
      )
    }
    await deps.db.update(members).set({ unsubscribed: true }).where(eq(members.id, memberId))
    if (json) return c.json({ unsubscribed: true })
    return c.html(
      page(
        'You will get no more emails',
        '<p>You are unsubscribed: trustpulse will send you no more email for this community.</p>',
      ),
    )
  })

/** A minimal page for the unsubscribe link (no script, no remote resources). */
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`
