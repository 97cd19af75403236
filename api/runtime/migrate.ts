import { openDatabase } from './node-db'

// Applies the committed migrations to DATABASE_URL (a file, or libSQL / Turso over HTTP).
const url = process.env.DATABASE_URL ?? 'file:data/trustpulse.db'
await openDatabase(url, process.env.DATABASE_AUTH_TOKEN)
console.log(`Migrations applied to ${url.replace(/\/\/[^@]*@/, '//')}`)
