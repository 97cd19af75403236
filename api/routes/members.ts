import { and, eq, sql, type SQL } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { members, sealedInvites } from '../../schema'
import { communityRole } from '../auth/roles'
import { newId, randomToken, sha256 } from '../privacy/ids'
import { chunks, inJson, rowsAffected } from '../db'
import type { AppEnv } from '../deps'
import { invalid, notFound, Problem } from '../http/problem'
import { queryOf, validateValue } from '../http/validate'
import { inviteStatements } from '../delivery/invites'
import { startDelivery } from '../delivery/send'
import { keyLink, siteBase } from '../http/links'
import { parseMemberCsv, validateMemberRows, type MemberRow } from '../members/import'
import { listMembers, memberView } from '../members/list'
export type { Member, MemberPage } from '../members/list'
import { cancelMove } from '../members/move'
import { countChanges } from '../log/members'
import type { Statement } from '../log/store'

// Guards of a member's change, as the log counts it: the state the change starts from.
const isPresent = (id: SQL) => sql`exists (select 1 from members where id = ${id} and removed = 0)`
const isRemoved = (id: SQL) => sql`exists (select 1 from members where id = ${id} and removed = 1)`

export const importRequest = z.object({
  members: z.array(
    z.object({
      email: z.string().check(z.maxLength(1000)),
      name: z.optional(z.string().check(z.maxLength(1000))),
      attributes: z.optional(
        z.record(z.string().check(z.maxLength(100)), z.string().check(z.maxLength(1000))),
      ),
    }),
  ),
  /** `refuse`: answer 409 (writing nothing) when an email already belongs to a member. */
  existing: z.optional(z.enum(['update', 'refuse'])),
})

/** One member as an organizer sends it to import. */
export type MemberInput = z.input<typeof importRequest>['members'][number]

export const listQuery = z.object({
  limit: z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d{1,4}$/, 'must be a whole number')), z.transform(Number))
      .check(z.refine((n: number) => n >= 1 && n <= 1000, 'must be between 1 and 1000')),
  ),
  cursor: z.optional(z.string().check(z.maxLength(1000))),
  q: z.optional(z.string().check(z.maxLength(254))),
  sort: z.optional(z.string().check(z.maxLength(200))),
  order: z.optional(z.enum(['asc', 'desc'])),
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
  const shown = ({ inviteHash, inviteKey, name, ...m }: ImportRow) =>
    typeof name === 'string' ? { ...m, name } : m
  return {
    created: created.length,
    updated: updated.length,
    members: [...created.map(shown), ...updated.map(shown)],
  }
}
export type ImportResult = ReturnType<typeof importView>
export type ImportedMember = ImportResult['members'][number]

type Existing = 'update' | 'refuse'

/**
 * Reads the import body: CSV (`text/csv`) or JSON, and answers 422 with line or field paths.
 * A CSV always updates existing members.
 */
async function readImport(
  req: Request,
  attributes: string[],
): Promise<{ rows: MemberRow[]; existing: Existing }> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'text/csv') {
    const parsed = parseMemberCsv(await req.text(), attributes)
    if (!parsed.ok)
      throw invalid(parsed.errors, 'Some lines of the CSV are invalid; nothing was imported.')
    return { rows: parsed.members, existing: 'update' }
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
  return { rows: checked.members, existing: input.existing ?? 'update' }
}

/** The 409 of `existing: "refuse"`: nothing written, and who is already there as they are now. */
function alreadyMembers(found: (Parameters<typeof memberView>[0] & { removed: boolean })[]) {
  const list = found.map((f) => f.email).join(', ')
  const one = found.length === 1
  return new Problem(
    409,
    `${list} ${one ? 'is already a member' : 'are already members'}; importing again replaces their attributes. Nothing was imported.`,
    { existing: found.map(({ removed, ...f }) => memberView(f)) },
  )
}

export const memberListRoutes = new Hono<AppEnv>()
  .post('/communities/:cid/members', communityRole('organizer'), async (c) => {
    const community = c.var.community
    const { rows, existing: onExisting } = await readImport(c.req.raw, community.attributes)
    const { db } = c.var.deps
    const existing = new Map<string, { id: string; removed: boolean }>()
    const found = await db
      .select({
        id: members.id,
        email: members.email,
        name: members.name,
        attributes: members.attributes,
        keyHash: members.keyHash,
        removed: members.removed,
      })
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
    // A removed member is not there to be overwritten: importing them again restores them.
    const present = found.filter((f) => !f.removed)
    if (onExisting === 'refuse' && present.length > 0) throw alreadyMembers(present)
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
      db.run(sql`insert into members (id, community_id, email, name, attributes, invite_hash)
        select json_extract(value, '$.id'), ${community.id}, json_extract(value, '$.email'),
               json_extract(value, '$.name'), json(json_extract(value, '$.attributes')),
               json_extract(value, '$.inviteHash')
        from json_each(${stored(part)})`),
    )
    // A name absent from the import (json_type null) keeps the stored one; a null clears it.
    const updates = chunks(updated, 1000).map((part) =>
      db.run(sql`with input as (select json_extract(value, '$.id') as id,
            json(json_extract(value, '$.attributes')) as attributes,
            json_type(value, '$.name') as name_given, json_extract(value, '$.name') as name,
            json_extract(value, '$.inviteHash') as invite_hash from json_each(${stored(part)}))
        update members set removed = 0,
          attributes = (select attributes from input where input.id = members.id),
          name = case when (select name_given from input where input.id = members.id) is null
            then name else (select name from input where input.id = members.id) end,
          invite_hash = coalesce((select invite_hash from input where input.id = members.id), invite_hash)
        where id in (select id from input)`),
    )
    // Each new invite is also queued for delivery, its key kept only sealed until then.
    const invites = [...created, ...updated].flatMap((r) =>
      r.inviteKey ? [{ memberId: r.id, email: r.email, key: r.inviteKey }] : [],
    )
    const deliveries = await inviteStatements(c.var.deps, community, siteBase(c), invites)
    // The community's log counts new and restored members (a restore only where still removed).
    const restored = updated.filter((r) => existing.get(r.email)!.removed)
    const counts = [
      ...(await countChanges(c.var.deps, community.id, 'added', created)),
      ...(await countChanges(c.var.deps, community.id, 'added', restored, isRemoved)),
    ]
    const statements = [...counts, ...inserts, ...updates, ...deliveries]
    if (statements.length > 0)
      await db.batch(statements as [(typeof statements)[0], ...typeof statements])
    if (invites.length > 0) startDelivery(c.var.deps)
    return c.json(importView(created, updated), 201)
  })

  .get('/communities/:cid/members', communityRole('organizer'), queryOf(listQuery), async (c) => {
    const { limit = 100, ...query } = c.req.valid('query')
    return c.json(await listMembers(c.var.deps.db, c.var.community, { limit, ...query }))
  })

  .delete('/communities/:cid/members/:mid', communityRole('organizer'), async (c) => {
    // Soft removal: open pulses keep their snapshot; the member's key and invite stop working.
    // A removed member's device is not told to open a new link: an earlier re-invite is forgotten.
    const { deps, community } = c.var
    const { db } = deps
    const [member] = await db
      .select({ id: members.id, attributes: members.attributes })
      .from(members)
      .where(
        and(
          eq(members.id, c.req.param('mid')),
          eq(members.communityId, community.id),
          eq(members.removed, false),
        ),
      )
    if (!member) throw notFound('member')
    // Counted in the community's log only where this removal happens (the member still present).
    const counted = await countChanges(deps, community.id, 'removed', [member], isPresent)
    const removal = db
      .update(members)
      .set({
        removed: true,
        keyHash: null,
        inviteHash: null,
        revokedKeyHash: null,
        revokedBy: null,
      })
      .where(and(eq(members.id, member.id), eq(members.removed, false)))
    const results = await db.batch([
      ...counted,
      removal,
      db.delete(sealedInvites).where(eq(sealedInvites.memberId, member.id)),
      cancelMove(db, member.id),
    ] as Statement[] as [Statement, ...Statement[]])
    // Removed meanwhile by another request: that one answered 204.
    if (rowsAffected(results[counted.length]) !== 1) throw notFound('member')
    return c.body(null, 204)
  })

  .post('/communities/:cid/members/:mid/invite', communityRole('organizer'), async (c) => {
    const key = randomToken(32)
    const { deps, community } = c.var
    const [member] = await deps.db
      .select({ id: members.id, email: members.email, attributes: members.attributes })
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
    const counted = await countChanges(deps, community.id, 'reinvited', [member], isPresent)
    await deps.db.batch([
      ...counted,
      deps.db
        .update(members)
        .set({
          inviteHash: sha256(key),
          keyHash: null,
          revokedKeyHash: sql`coalesce(${members.keyHash}, ${members.revokedKeyHash})`,
          revokedBy: sql`case when ${members.keyHash} is null then ${members.revokedBy} else 'reinvite' end`,
        })
        .where(eq(members.id, member.id)),
      cancelMove(deps.db, member.id), // a move link the member made stops working too
      ...deliveries,
    ] as Statement[] as [Statement, ...Statement[]])
    startDelivery(deps)
    return c.json({ inviteUrl: keyLink(c, '/join', key) })
  })
