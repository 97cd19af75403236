// `npm run follow-ups:release`: on the server, releases at once the follow-ups waiting for the
// next daily batch (api/threads/batch.ts), as the scheduler does at the first tick of each UTC
// day. For demonstrations and tests: a batch released minutes after one follow-up arrived holds
// just that one, so its timing is as plain as the request's.
import { releaseFollowUps } from '../threads/batch'
import { databaseFiles, openDatabase } from './node-db'

const env = process.env
const url = env.DATABASE_URL ?? 'file:data/trustpulse.db'
const db = await openDatabase(url, env.DATABASE_AUTH_TOKEN)
const files = databaseFiles(db, url)
const moved = await releaseFollowUps({ db, files })
await files?.close()
console.log(`${moved} follow-up${moved === 1 ? '' : 's'} released into their threads.`)
process.exit(0)
