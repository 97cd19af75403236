// Reading and writing actions: one community's list, one action, the checks that what an
// action names belongs to its community, and the follow-ups a survey's next pulse would carry.
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import { actionUpdates, actions, pulses, surveys } from '../../schema'
import type { Db } from '../db'
import { inJson } from '../db'
import type { CommunityRow } from '../db/rows'
import type { FieldError } from '../http/problem'
import { newId } from '../privacy/ids'
import type { Question } from '../surveys/question'
import { followUpsFor, type FollowUp } from './follow-ups'
import { carryingPulses, type Reader } from './results'
import { applyStatus, dayOf, type StatusChange } from './status'
import { actionView, followUpPoints, type Action, type ActionRow } from './view'

/** Lists show what is being done first, then what is planned, done and dropped. */
const rank = { 'in progress': 0, planned: 1, done: 2, dropped: 3 } as const

/** What an organizer may set on an action (all of it when creating, any of it when editing). */
export interface ActionFields extends StatusChange {
  surveyId?: string
  title?: string
  plan?: string
  questionId?: string | null
  dimension?: string | null
  group?: Record<string, string> | null
  targetDate?: string | null
  draft?: boolean
}

/**
 * The community's actions as `reader` may see them (members: not drafts, follow-up results of
 * shared pulses only), in progress first, then planned, done and dropped, newest first within
 * each; only those of `surveyId` when given.
 */
export async function actionsOf(
  db: Db,
  communityId: string,
  reader: Reader,
  surveyId?: string,
): Promise<Action[]> {
  const rows = await db
    .select()
    .from(actions)
    .where(
      and(
        eq(actions.communityId, communityId),
        surveyId === undefined ? undefined : eq(actions.surveyId, surveyId),
        reader === 'member' ? eq(actions.draft, false) : undefined,
      ),
    )
    .orderBy(desc(actions.createdOn), actions.id)
  rows.sort((a, b) => rank[a.status] - rank[b.status])
  return viewsOf(db, rows, reader)
}

/** One action with its updates and follow-up results, as organizers and viewers see it. */
export async function actionOf(db: Db, row: ActionRow): Promise<Action> {
  return (await viewsOf(db, [row], 'team'))[0]
}

async function viewsOf(db: Db, rows: ActionRow[], reader: Reader): Promise<Action[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const updates = await db.select().from(actionUpdates).where(inJson(actionUpdates.actionId, ids))
  const surveyRows = await db
    .select({ id: surveys.id, title: surveys.title, questions: surveys.questions })
    .from(surveys)
    .where(
      inJson(
        surveys.id,
        rows.map((r) => r.surveyId),
      ),
    )
  const surveyOf = new Map(surveyRows.map((s) => [s.id, s]))
  const carrying = await carryingPulses(db, rows[0].communityId, reader)
  return rows.map((row) =>
    actionView(
      row,
      updates.filter((u) => u.actionId === row.id),
      surveyOf.get(row.surveyId)!,
      followUpPoints(row.id, carrying),
    ),
  )
}

/**
 * Why the survey, question, dimension or group an action names is not one of its community's:
 * the survey must be the community's, the question one of the survey's, the dimension one its
 * questions name, the group's attribute one of the community's.
 */
export async function referenceErrors(
  db: Db,
  community: CommunityRow,
  fields: Pick<ActionFields, 'surveyId' | 'questionId' | 'dimension' | 'group'>,
): Promise<FieldError[]> {
  const [survey] = await db
    .select({ questions: surveys.questions })
    .from(surveys)
    .where(and(eq(surveys.id, fields.surveyId ?? ''), eq(surveys.communityId, community.id)))
  if (!survey) return [{ path: 'surveyId', message: 'is not a survey of this community' }]
  const errors: FieldError[] = []
  const questions: Question[] = survey.questions
  if (fields.questionId && !questions.some((q) => q.id === fields.questionId))
    errors.push({ path: 'questionId', message: 'is not a question of this survey' })
  if (fields.dimension && !questions.some((q) => q.dimension === fields.dimension))
    errors.push({ path: 'dimension', message: 'is not a dimension of this survey' })
  for (const attribute of Object.keys(fields.group ?? {}))
    if (!community.attributes.includes(attribute))
      errors.push({ path: `group.${attribute}`, message: 'is not an attribute of this community' })
  return errors
}

/**
 * Stores a new action of `community` (its references already checked), or returns why its
 * status and dates do not fit (applyStatus). Nothing is written then.
 */
export async function createAction(
  db: Db,
  community: CommunityRow,
  input: ActionFields & { surveyId: string; title: string },
  now: number,
): Promise<{ row: ActionRow } | { errors: FieldError[] }> {
  const today = dayOf(now)
  const dates = applyStatus(undefined, input, today)
  if (!dates.ok) return { errors: dates.errors }
  const row: ActionRow = {
    id: newId(),
    communityId: community.id,
    surveyId: input.surveyId,
    questionId: input.questionId ?? null,
    dimension: input.dimension || null,
    groupLabel: input.group ?? null,
    title: input.title,
    plan: input.plan ?? '',
    targetDate: input.targetDate ?? null,
    draft: input.draft ?? false,
    createdOn: today,
    ...dates.dates,
  }
  await db.insert(actions).values(row)
  return { row }
}

/** Applies an edit to an action (references already checked), or returns why its dates do not fit. */
export async function editAction(
  db: Db,
  row: ActionRow,
  input: ActionFields,
  now: number,
): Promise<{ row: ActionRow } | { errors: FieldError[] }> {
  const dates = applyStatus(row, input, dayOf(now))
  if (!dates.ok) return { errors: dates.errors }
  const next: ActionRow = {
    ...row,
    surveyId: input.surveyId ?? row.surveyId,
    title: input.title ?? row.title,
    plan: input.plan ?? row.plan,
    questionId: input.questionId === undefined ? row.questionId : input.questionId,
    dimension: input.dimension === undefined ? row.dimension : input.dimension || null,
    groupLabel: input.group === undefined ? row.groupLabel : input.group,
    targetDate: input.targetDate === undefined ? row.targetDate : input.targetDate,
    draft: input.draft ?? row.draft,
    ...dates.dates,
  }
  const { id: _, communityId: __, createdOn: ___, ...changed } = next
  await db.update(actions).set(changed).where(eq(actions.id, row.id))
  return { row: next }
}

/** Adds a dated update after the action's others. */
export async function addUpdate(db: Db, actionId: string, date: string, text: string) {
  await db.run(sql`insert into ${actionUpdates} (action_id, id, seq, date, text)
    select ${actionId}, ${newId()}, coalesce(max(seq), 0) + 1, ${date}, ${text}
    from ${actionUpdates} where action_id = ${actionId}`)
}

/** Deletes one update of the action; false when it has no such update. */
export async function removeUpdate(db: Db, actionId: string, updateId: string): Promise<boolean> {
  const gone = await db
    .delete(actionUpdates)
    .where(and(eq(actionUpdates.actionId, actionId), eq(actionUpdates.id, updateId)))
    .returning({ id: actionUpdates.id })
  return gone.length > 0
}

/** The follow-up questions a pulse of the survey opening at `at` carries (see followUpsFor). */
export async function followUpsAt(
  db: Db,
  surveyId: string,
  at: number,
  exceptPulseId = '',
): Promise<FollowUp[]> {
  return (await followUpsWithActions(db, surveyId, at, exceptPulseId)).followUps
}

/** What the survey's next pulse would carry if it opened at `at`, with each action's title and status. */
export async function nextFollowUps(db: Db, surveyId: string, at: number) {
  const { followUps, candidates } = await followUpsWithActions(db, surveyId, at, '')
  const byId = new Map(candidates.map((a) => [a.id, a]))
  return followUps.map((f) => ({
    ...f,
    title: byId.get(f.actionId)!.title,
    status: byId.get(f.actionId)!.status,
  }))
}

async function followUpsWithActions(db: Db, surveyId: string, at: number, exceptPulseId: string) {
  const [previous] = await db
    .select({ opensAt: pulses.opensAt })
    .from(pulses)
    .where(
      and(
        eq(pulses.surveyId, surveyId),
        inArray(pulses.status, ['open', 'closed']),
        lte(pulses.opensAt, at),
        sql`${pulses.id} <> ${exceptPulseId}`,
      ),
    )
    .orderBy(desc(pulses.opensAt))
    .limit(1)
  const candidates = await db
    .select({
      id: actions.id,
      title: actions.title,
      status: actions.status,
      startedOn: actions.startedOn,
      endedOn: actions.endedOn,
      draft: actions.draft,
    })
    .from(actions)
    .where(eq(actions.surveyId, surveyId))
  const followUps = followUpsFor(candidates, previous ? dayOf(previous.opensAt) : undefined)
  return { followUps, candidates }
}
