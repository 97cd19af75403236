// A year of weekly pulses for year.e2e.ts, made the way `npm run demo` makes it: the app built by
// createApp on a database file of its own, called in-process on a clock moved week by week, every
// pulse opened, answered through the blind-token protocol and closed (api/demo/fill.ts). A second
// server then serves that file, so nothing here races the main story's server or its scheduler.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Client } from '@libsql/client'
import { createApp } from '../../../api/app'
import { hashPassword } from '../../../api/auth/passwords'
import { fillDemo, type DemoResult } from '../../../api/demo/fill'
import { createBlindSigner } from '../../../api/privacy/blind-signing'
import { newId } from '../../../api/privacy/ids'
import { openDatabase } from '../../../api/runtime/node-db'
import { nodeRawRsa } from '../../../api/runtime/node-raw-rsa'
import { serverSecret } from '../../../api/runtime/node-support'
import { organizers } from '../../../schema'

export interface YearData {
  /** Where the database and its secret are, for the server that will serve them. */
  dir: string
  databaseUrl: string
  secretFile: string
  login: { email: string; password: string }
  demo: DemoResult
  /** Removes the files (after the server has stopped). */
  remove(): void
}

/** Fills a fresh database with an organizer and the demo's year of `weeks` weekly pulses. */
export async function seedYear(weeks = 52): Promise<YearData> {
  const dir = mkdtempSync(join(tmpdir(), 'trustpulse-year-'))
  const databaseUrl = `file:${join(dir, 'year.db')}`
  const secretFile = join(dir, 'secret', 'secret.key')
  const login = { email: 'year@example.org', password: 'a year of pulses' }
  const db = await openDatabase(databaseUrl)
  try {
    await db.insert(organizers).values({
      id: newId(),
      email: login.email,
      name: 'Yara Organizer',
      passwordHash: await hashPassword(login.password),
    })
    const clock = { now: Date.now() }
    const background: Promise<unknown>[] = []
    const app = createApp({
      db,
      now: () => clock.now,
      secret: serverSecret({ SECRET_KEY_FILE: secretFile }).secret,
      signer: createBlindSigner({ rawRsa: nodeRawRsa }),
      publicUrl: 'http://127.0.0.1',
      rateLimit: async () => true,
      background: (task) => void background.push(task),
      log: () => {},
    })
    const demo = await fillDemo(app, { clock, login, weeks, concurrency: 2 })
    await Promise.all(background)
    return {
      dir,
      databaseUrl,
      secretFile,
      login,
      demo,
      remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }),
    }
  } finally {
    ;(db as unknown as { $client: Client }).$client.close()
  }
}
