import { and, eq, gt, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { members, sealedInvites } from '../../schema'
import { communityRole } from '../auth/roles'
import { newId, randomToken, sha256 } from '../privacy/ids'
import { chunks, inJson } from '../db'
import type { AppEnv } from '../deps'
import { invalid, notFound, Problem } from '../http/problem'
import { queryOf, validateValue } from '../http/validate'
import { inviteStatements } from '../delivery/invites'
import { startDelivery } from '../delivery/send'
import { keyLink, siteBase } from '../http/links'
import { parseMemberCsv, validateMemberRows, type MemberRow } from '../members/import'

export const importRequest = z.object({
  members: z.array(
    z.object({
      email: z.string().check(z.maxLength(1000)),
      attributes: z.optional(
        z.record(z.string().check(z.maxLength(100)), z.string().check(z.maxLength(1000))),
      ),
    }),
  ),
})

/** One member as an organizer sends it to import. */
export type MemberInput = z.input<typeof importRequest>['members'][number]

export const listQuery = z.object({
  limit: z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d{1,4}$/, 'must be a whole number')), z.transform(Number))
      .check(z.refine((n: number) => n >= 1 && n <= 1000, 'must be between 1 and 1000')),
  ),
  cursor: z.optional(z.string().check(z.maxLength(64))),
})

/** A member being imported: its row, and while it is made a new invite's link, hash and key. */
type ImportRow = MemberRow & {
  id: string
  inviteUrl?: string
  inviteHash?: string
  inviteKey?: string
}

/** What an import answers: how many were created and updated, each with a new invite's link. */
function importView(created: ImportRow[], updated: ImportRow[]) {
  const shown = ({ inviteHash, inviteKey, ...m }: ImportRow) => m
  return {
    created: created.length,
    updated: updated.length,
    members: [...created.map(shown), ...updated.map(shown)],
  }
}
export type ImportResult = ReturnType<typeof importView>
export type ImportedMember = ImportResult['members'][number]

/** A member as the list shows it: `joined` once they hold a working member key. */
const memberView = ({
  keyHash,
  ...m
}: Pick<typeof members.$inferSelect, 'id' | 'email' | 'attributes' | 'keyHash'>) => ({
  ...m,
  joined: keyHash !== null,
})
export type Member = ReturnType<typeof memberView>
/** A page of the member list; `next` is the cursor of the following page, if there is one. */
export type MemberPage = { members: Member[]; next?: string }

/** Reads the import body: CSV (`text/csv`) or JSON, and answers 422 with line or field paths. */
async function readImport(req: Request, attributes: string[]): Promise<MemberRow[]> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'text/csv') {
    const parsed = parseMemberCsv(await req.text(), attributes)
    if (!parsed.ok)
      throw invalid(parsed.errors, 'Some lines of the CSV are invalid; nothing was imported.')
    return parsed.members
  }
  if (type && type !== 'application/json' && type !== 'text/plain') {
    throw new Problem(415, 'Send members as JSON or as text/csv.')
  }
  let body: unknown
  try {
    body = JSON.parse(await req.text())
  } catch {
    throw new Problem(400, 'The body is not valid JSON.')
  }
  const input = await validateValue(importRequest, body)
  const checked = validateMemberRows(input.members, attributes)
  if (!checked.ok) throw invalid(checked.errors, 'Some members are invalid; nothing was imported.')
  return checked.members
}

export const memberListRoutes = new Hono<AppEnv>()
  .post('/communities/:cid/members', communityRole('organizer'), async (c) => {
    const community = c.var.community
    const rows = await readImport(c.req.raw, community.attributes)
    const { db } = c.var.deps
    const existing = new Map<string, { id: string; removed: boolean }>()
    const found = await db
      .select({ id: members.id, email: members.email, removed: members.removed })
      .from(members)
      .where(
        and(
          eq(members.communityId, community.id),
          inJson(
            members.email,
            rows.map((r) => r.email),
          ),
        ),
      )
    for (const f of found) existing.set(f.email, f)
    const created: ImportRow[] = []
    const updated: ImportRow[] = []
    const invite = async (row: ImportRow): Promise<ImportRow> => {
      const key = randomToken(32)
      return {
        ...row,
        inviteUrl: keyLink(c, '/join', key),
        inviteHash: sha256(key),
        inviteKey: key,
      }
    }
    for (const row of rows) {
      const found = existing.get(row.email)
      if (!found) created.push(await invite({ id: newId(), ...row }))
      // A removed member imported again is restored with a fresh invite (removal revoked their key).
      else
        updated.push(
          found.removed ? await invite({ id: found.id, ...row }) : { id: found.id, ...row },
        )
    }
    const stored = (part: ImportRow[]) =>
      JSON.stringify(part.map(({ inviteUrl, inviteKey, ...r }) => r))
    // One JSON parameter per statement (D1 binds at most 100), all in one atomic batch.
    const inserts = chunks(created, 1000).map((part) =>
      db.run(sql`insert into members (id, community_id, email, attributes, invite_hash)
        select json_extract(value, '$.id'), ${community.id}, json_extract(value, '$.email'),
               json(json_extract(value, '$.attributes')), json_extract(value, '$.inviteHash')
        from json_each(${stored(part)})`),
    )
    const updates = chunks(updated, 1000).map((part) =>
      db.run(sql`with input as (select json_extract(value, '$.id') as id,
            json(json_extract(value, '$.attributes')) as attributes,
            json_extract(value, '$.inviteHash') as invite_hash from json_each(${stored(part)}))
        update members set removed = 0,
          attributes = (select attributes from input where input.id = members.id),
          invite_hash = coalesce((select invite_hash from input where input.id = members.id), invite_hash)
        where id in (select id from input)`),
    )
    // Each new invite is also queued for delivery, its key kept only sealed until then.
    const invites = [...created, ...updated].flatMap((r) =>
      r.inviteKey ? [{ memberId: r.id, email: r.email, key: r.inviteKey }] : [],
    )
    const deliveries = await inviteStatements(c.var.deps, community, siteBase(c), invites)
    const statements = [...inserts, ...updates, ...deliveries]
    if (statements.length > 0)
      await db.batch(statements as [(typeof statements)[0], ...typeof statements])
    if (invites.length > 0) startDelivery(c.var.deps)
    return c.json(importView(created, updated), 201)
  })

  .get('/communities/:cid/members', communityRole('organizer'), queryOf(listQuery), async (c) => {
    const { limit = 100, cursor } = c.req.valid('query')
    const rows = await c.var.deps.db
      .select({
        id: members.id,
        email: members.email,
        attributes: members.attributes,
        keyHash: members.keyHash,
      })
      .from(members)
      .where(
        and(
          eq(members.communityId, c.var.community.id),
          eq(members.removed, false),
          cursor ? gt(members.id, cursor) : undefined,
        ),
      )
      .orderBy(members.id)
      .limit(limit + 1)
    const page = rows.slice(0, limit).map(memberView)
    const body: MemberPage =
      rows.length > limit ? { members: page, next: page[page.length - 1].id } : { members: page }
    return c.json(body)
  })

  .delete('/communities/:cid/members/:mid', communityRole('organizer'), async (c) => {
    // Soft removal: open pulses keep their snapshot; the member's key and invite stop working.
    // A removed member's device is not told to open a new link: an earlier re-invite is forgotten.
    const { db } = c.var.deps
    const [row] = await db
      .update(members)
      .set({
        removed: true,
        keyHash: null,
        inviteHash: null,
        revokedKeyHash: null,
        revokedBy: null,
      })
      .where(
        and(
          eq(members.id, c.req.param('mid')),
          eq(members.communityId, c.var.community.id),
          eq(members.removed, false),
        ),
      )
      .returning({ id: members.id })
    if (!row) throw notFound('member')
    await db.delete(sealedInvites).where(eq(sealedInvites.memberId, row.id))
    return c.body(null, 204)
  })

  .post('/communities/:cid/members/:mid/invite', communityRole('organizer'), async (c) => {
    const key = randomToken(32)
    const { deps, community } = c.var
    const [member] = await deps.db
      .select({ id: members.id, email: members.email })
      .from(members)
      .where(
        and(
          eq(members.id, c.req.param('mid')),
          eq(members.communityId, community.id),
          eq(members.removed, false),
        ),
      )
    if (!member) throw notFound('member')
    // A new invite revokes the member's current key and any unused invite, and replaces its delivery.
    // The revoked key's hash is kept (when there was a key; else the one an earlier re-invite
    // revoked stays) so that device is told its access was reset (auth/members.ts). SQLite reads
    // key_hash before this statement clears it.
    const deliveries = await inviteStatements(deps, community, siteBase(c), [
      { memberId: member.id, email: member.email, key },
    ])
    await deps.db.batch([
      deps.db
        .update(members)
        .set({
          inviteHash: sha256(key),
          keyHash: null,
          revokedKeyHash: sql`coalesce(${members.keyHash}, ${members.revokedKeyHash})`,
          revokedBy: sql`case when ${members.keyHash} is null then ${members.revokedBy} else 'reinvite' end`,
        })
        .where(eq(members.id, member.id)),
      ...deliveries,
    ])
    startDelivery(deps)
    return c.json({ inviteUrl: keyLink(c, '/join', key) })
  })
