import type { MiddlewareHandler } from 'hono'
import type { ActionRow, CommunityRow, MeetingRow, PulseRow, Role, SurveyRow } from './db/rows'
import type { Db } from './db'
import type { Mailer } from './delivery/mailer'
import type { CommentPool } from './pulses/comment-pool'
import type { BlindSigner } from './privacy/blind-signing'

/**
 * A database kept in local files (Node's libSQL file): what can be done to the files themselves.
 * D1 and remote libSQL servers keep their files provider-side; SECURITY.md says what they retain.
 */
export interface DatabaseFiles {
  /** Moves the WAL into the main file and truncates the WAL to zero bytes. */
  checkpoint(): Promise<void>
  /** Rewrites the main file without free pages (VACUUM), then checkpoints. */
  compact(): Promise<void>
  /** Checkpoints and closes the database: a clean stop. */
  close(): Promise<void>
  /** The file's own version number (SQLite's user_version), for one-time upkeep. */
  version(): Promise<number>
  setVersion(version: number): Promise<void>
}

/** Allows or refuses one more attempt for a key (an email, an address) within a window. */
export type RateLimiter = (key: string) => Promise<boolean>

/** Everything the app needs from its runtime. Tests pass an in-memory database and a fixed clock. */
export interface AppDeps {
  db: Db
  /** Current time in ms since the epoch. */
  now: () => number
  /** The server secret (32+ bytes), kept outside the database. */
  secret: Uint8Array
  /** Signs blinded messages; Node passes a raw-RSA signer, Workers their own. */
  signer: BlindSigner
  /** Base of the absolute links handed out (invite URLs); else the request's origin. */
  publicUrl?: string
  /** When set, first-run setup requires this token. */
  setupToken?: string
  /** Throttles login attempts; never writes to the database. */
  rateLimit: RateLimiter
  /** Runs work after the answer is sent (key generation); Workers map it to waitUntil. */
  background: (task: Promise<unknown>) => void
  /** Operational log lines; never bodies, tokens, keys or client addresses. */
  log: (message: string) => void
  /** Serves the built front end for paths outside /api (Node: files, Workers: the ASSETS binding). */
  assets?: MiddlewareHandler
  /** Sends email (Node: SMTP, Workers: Resend); without it email waits in the outbox to be copied. */
  mailer?: Mailer
  /** Which chat webhook addresses may be stored; default: https on Slack's and Teams' own hosts. */
  chatUrlAllowed?: (kind: 'slack' | 'teams', url: URL) => boolean
  /** Cohorts of at most this many are keyed while the request waits (API.md: 10). */
  inlineKeyLimit?: number
  /** The database's local files, when it has them (Node); absent on D1 and remote libSQL. */
  files?: DatabaseFiles
  /**
   * The OpenAPI document served at /api/openapi.json (Node: built from the zod schemas, see
   * `openApiSource`; Workers: the copy `npm run build` wrote into the assets).
   */
  openApi?: () => Promise<unknown>
  /** Holds comments apart from their responses until several can be written together (Node). */
  commentPool?: CommentPool
}

export interface Organizer {
  id: string
  email: string
  name: string
}

export interface AuthedMember {
  id: string
  communityId: string
  email: string
  attributes: Record<string, string>
}

export type AppEnv = {
  Variables: {
    deps: AppDeps
    organizer: Organizer
    member: AuthedMember
    role: Role
    community: CommunityRow
    survey: SurveyRow
    pulse: PulseRow
    meeting: MeetingRow
    action: ActionRow
  }
}
