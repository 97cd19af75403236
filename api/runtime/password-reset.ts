// `npm run password:reset -- <email>`: on the server, prints a one-time link that lets the
// organizer with this email choose a new password (for any account, with or without email). The
// link is made as the emailed ones are, but lasts longer: it goes through a person first.
import { issuePasswordReset } from '../auth/password-resets'
import { emailField } from '../http/fields'
import { databaseFiles, openDatabase } from './node-db'

const LINK_TTL_MS = 24 * 3600 * 1000

const env = process.env
const parsed = emailField.safeParse(process.argv[2] ?? '')
if (!parsed.success || process.argv.length !== 3) {
  console.error('Usage: npm run password:reset -- <email>')
  process.exit(2)
}
const email = parsed.data
const url = env.DATABASE_URL ?? 'file:data/trustpulse.db'
const db = await openDatabase(url, env.DATABASE_AUTH_TOKEN)
const issued = await issuePasswordReset(db, Date.now(), email, LINK_TTL_MS)
await databaseFiles(db, url)?.close()
if (!issued) {
  console.error(
    `No organizer account has the email ${email} in ${url.replace(/\/\/[^@]*@/, '//')}.`,
  )
  process.exit(1)
}
const base = (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 8787}`).replace(/\/+$/, '')
console.log(
  `Send this link to ${email}, and only to them. It works once, within 24 hours, and lets ` +
    `them choose a new password; using it signs them out everywhere else:\n` +
    `${base}/reset-password#${issued.token}`,
)
process.exit(0)
