import type { AppDeps } from '../deps'
import { releaseOlderViews } from '../pulses/release'

/**
 * One-time work on a database that an older version wrote, run at start after the migrations
 * (Node before it listens, a Worker before its first request or tick). Idempotent and cheap once
 * done: each step first asks whether anything is left to do. What it does is program logic, not
 * SQL, so it runs the same on libSQL files, libSQL servers and D1.
 */
export async function upgradeDatabase(deps: AppDeps): Promise<void> {
  const released = await releaseOlderViews(deps)
  if (released > 0)
    deps.log(
      `upgrade: released ${released} closed pulse(s) again under the current disclosure gate`,
    )
  // Once per database file: rows deleted before secure delete was on (older closes' raw answers,
  // spent tokens, issuance rows, comments below k_text, the per-cohort counts just deleted) may
  // still sit in free pages and in the WAL. VACUUM rewrites the file without them.
  const files = deps.files
  if (files && (await files.version()) < FILES_CLEANED) {
    await files.compact()
    await files.setVersion(FILES_CLEANED)
    deps.log('upgrade: rewrote the database file without the free pages of deleted rows (VACUUM)')
  }
}

/** The database file's `user_version` once the one-time clean-up has run. */
const FILES_CLEANED = 1
