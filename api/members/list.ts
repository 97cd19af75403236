import { and, asc, count, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm'
import { members } from '../../schema'
import type { Db } from '../db'
import { invalid } from '../http/problem'
import { fromBase64Url, toBase64Url } from '../privacy/base64url'

/** What the member list can be ordered by: a column, or `attributes.<name>` of the community. */
export const memberSorts = ['email', 'name', 'joined'] as const

export interface MemberListQuery {
  limit: number
  cursor?: string
  /** Keeps members whose email or name contains it, ignoring case. */
  q?: string
  sort?: string
  order?: 'asc' | 'desc'
}

type MemberRecord = Pick<
  typeof members.$inferSelect,
  'id' | 'email' | 'name' | 'attributes' | 'keyHash'
>

/** A member as the list shows it: `joined` once they hold a working member key, `name` if any. */
export const memberView = ({ keyHash, name, ...m }: MemberRecord) => ({
  ...m,
  ...(name === null ? {} : { name }),
  joined: keyHash !== null,
})
export type Member = ReturnType<typeof memberView>
/**
 * A page of the member list; `next` is the cursor of the following page, if there is one, and
 * `total` counts every member the search keeps.
 */
export type MemberPage = { members: Member[]; next?: string; total: number }

type Key = string | number | null

/** The sort key as SQL, `undefined` for the list's plain order (by id); 422 for an unknown sort. */
function sortKey(sort: string | undefined, attributes: string[]): SQL | undefined {
  if (sort === undefined) return undefined
  if (sort === 'email') return sql`${members.email}`
  // Case-insensitive, as people read names; the id breaks ties, so paging never skips a row.
  if (sort === 'name') return sql`lower(${members.name})`
  if (sort === 'joined') return sql`(${members.keyHash} is not null)`
  const attribute = sort.startsWith('attributes.') ? sort.slice('attributes.'.length) : undefined
  if (attribute !== undefined && attributes.includes(attribute)) {
    // json_each rather than a JSON path: an attribute's name may hold any character.
    return sql`lower((select value from json_each(${members.attributes}) where key = ${attribute}))`
  }
  const allowed = [...memberSorts, ...attributes.map((a) => `attributes.${a}`)].join(', ')
  throw invalid([{ path: 'sort', message: `must be one of ${allowed}` }])
}

const encodeCursor = (key: Key, id: string) =>
  toBase64Url(new TextEncoder().encode(JSON.stringify([key, id])))

function decodeCursor(cursor: string): [Key, string] {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor)))
    const isKey = (k: unknown) => k === null || typeof k === 'string' || typeof k === 'number'
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      isKey(value[0]) &&
      typeof value[1] === 'string'
    )
      return value as [Key, string]
  } catch {
    // Falls through to the 422 below.
  }
  throw invalid([{ path: 'cursor', message: 'is not a cursor from this list' }])
}

/**
 * Rows after the cursor in the order `key is null, key <order>, id <order>`: members without a
 * value (no name, no such attribute) come last in either direction.
 */
function after(key: SQL, [value, id]: [Key, string], order: 'asc' | 'desc'): SQL {
  const beyond = (a: SQL | typeof members.id, b: unknown) =>
    order === 'asc' ? sql`${a} > ${b}` : sql`${a} < ${b}`
  if (value === null) return sql`(${key} is null and ${beyond(members.id, id)})`
  return sql`(${key} is null or ${beyond(key, value)} or (${key} = ${value} and ${beyond(members.id, id)}))`
}

/**
 * One page of a community's members who are not removed, searched by `q` and ordered by `sort`
 * (default: by id, whose cursor is the last id). Every member the search keeps appears exactly
 * once across the pages while the list does not change.
 */
export async function listMembers(
  db: Db,
  community: { id: string; attributes: string[] },
  query: MemberListQuery,
): Promise<MemberPage> {
  const { limit, cursor, q, order = 'asc' } = query
  const key = sortKey(query.sort, community.attributes)
  const typed = q?.trim()
  const needle = typed?.toLowerCase()
  // SQLite's lower() folds only ASCII letters: the name is also searched as typed ("Öz").
  const filter = and(
    eq(members.communityId, community.id),
    eq(members.removed, false),
    needle
      ? or(
          sql`instr(${members.email}, ${needle}) > 0`,
          sql`instr(lower(coalesce(${members.name}, '')), ${needle}) > 0`,
          sql`instr(coalesce(${members.name}, ''), ${typed}) > 0`,
        )
      : undefined,
  )
  const dir = order === 'asc' ? asc : desc
  const position = cursor
    ? key
      ? after(key, decodeCursor(cursor), order)
      : (order === 'asc' ? gt : lt)(members.id, cursor)
    : undefined
  const rows = await db
    .select({
      id: members.id,
      email: members.email,
      name: members.name,
      attributes: members.attributes,
      keyHash: members.keyHash,
      key: key ?? sql<null>`null`,
    })
    .from(members)
    .where(and(filter, position))
    .orderBy(...(key ? [sql`${key} is null`, dir(key)] : []), dir(members.id))
    .limit(limit + 1)
  const [{ total }] = await db.select({ total: count() }).from(members).where(filter)
  const page = rows.slice(0, limit)
  const last = rows.length > limit ? page[page.length - 1] : undefined
  const body: MemberPage = { members: page.map(({ key: _, ...m }) => memberView(m)), total }
  if (last) body.next = key ? encodeCursor(last.key as Key, last.id) : last.id
  return body
}
