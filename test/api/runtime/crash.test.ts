import { createClient, type Client } from '@libsql/client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  finalizeToken,
  memberKey,
  prepareToken,
  responseBody,
} from '../../../web/member/token-client'
import { HttpClient, serverHome, type NodeServer, type ServerHome } from '../../helpers/node-server'

// Crash safety of the real Node server: SIGKILL while submissions are in flight, and a close cut
// off half way; after a restart on the same database nothing acknowledged is lost or doubled,
// spent tokens stay spent, and the close completes exactly once.

const MEMBERS = 30

interface Scenario {
  pulseId: string
  questions: { id: string; kind: string }[]
  bodies: ReturnType<typeof responseBody>[]
}

interface World {
  home: ServerHome
  server: NodeServer
  owner: HttpClient
  /** One open pulse per test, each with a signed token for every member. */
  scenarios: Scenario[]
}

const answersFor = (questions: Scenario['questions'], i: number) =>
  questions.map((q) => ({
    questionId: q.id,
    value: q.kind === 'likert5' ? 1 + (i % 5) : q.kind === 'scale10' ? i % 11 : `comment ${i}`,
  }))

/** A server with an owner, MEMBERS joined members and `pulses` open pulses, one token per member and pulse. */
async function prepare(pulses: number): Promise<World> {
  const home = serverHome()
  const server = await home.start()
  const owner = new HttpClient(server.url)
  await owner.expect(201, 'POST', '/api/setup', {
    email: 'owner@example.org',
    password: 'correct horse battery',
  })
  const community = await owner.expect(201, 'POST', '/api/communities', { name: 'Riverside' })
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ email: `m${i}@example.org` }))
  const imported = (
    await owner.expect(201, 'POST', `/api/communities/${community.id}/members`, { members })
  ).members
  const questions = [
    { kind: 'likert5', prompt: 'I can speak up here.' },
    { kind: 'scale10', prompt: 'Would you recommend this group?' },
    { kind: 'text', prompt: 'Anything else?' },
  ]
  const keys: string[] = []
  for (const m of imported) {
    const key = memberKey()
    await new HttpClient(server.url).expect(200, 'POST', '/api/join', {
      inviteKey: m.inviteUrl.split('#')[1],
      memberKey: key,
    })
    keys.push(key)
  }
  const scenarios: Scenario[] = []
  for (let s = 0; s < pulses; s++) {
    const survey = await owner.expect(201, 'POST', `/api/communities/${community.id}/surveys`, {
      title: `Check-in ${s}`,
      questions,
    })
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const pulse = await owner.expect(201, 'POST', `/api/surveys/${survey.id}/pulses`, { closesAt })
    const bodies = []
    for (const [i, key] of keys.entries()) {
      const member = new HttpClient(server.url)
      const auth = { authorization: `Bearer ${key}` }
      const mine = (await member.expect(200, 'GET', '/api/me/pulses', undefined, auth)).find(
        (p: any) => p.pulse.id === pulse.id,
      )
      const prepared = await prepareToken(mine.key.publicKey)
      const issued = await member.expect(
        200,
        'POST',
        `/api/pulses/${pulse.id}/tokens`,
        { blindedMsg: prepared.blindedMsg },
        auth,
      )
      const signed = await finalizeToken(prepared, mine.key.publicKey, issued.blindSig)
      bodies.push(responseBody(issued.keyId, signed, answersFor(survey.questions, i)))
    }
    scenarios.push({ pulseId: pulse.id, questions: survey.questions, bodies })
  }
  return { home, server, owner, scenarios }
}

/** The owner's session against the server now running. */
const ownerOn = (w: World) =>
  Object.assign(new HttpClient(w.server.url), { cookie: w.owner.cookie })

/** Counts straight from the database file (the server is down or idle). */
async function counts(db: Client, pulseId: string) {
  const one = async (sql: string) => Number((await db.execute({ sql, args: [pulseId] })).rows[0].n)
  return {
    responses: await one('select count(*) as n from responses where pulse_id = ?'),
    answers: await one(
      'select count(*) as n from responses, json_each(responses.answers) where pulse_id = ?',
    ),
    spent: await one('select count(*) as n from spent_tokens where pulse_id = ?'),
    issued: await one('select count(*) as n from token_issuances where pulse_id = ?'),
    views: await one('select count(*) as n from released_views where pulse_id = ?'),
    histograms: await one('select count(*) as n from cohort_histograms where pulse_id = ?'),
  }
}

const submit = (server: NodeServer, p: Scenario, i: number) =>
  new HttpClient(server.url).call('POST', `/api/pulses/${p.pulseId}/responses`, p.bodies[i])

// One server home for the suite (each start costs seconds); each test has its own pulse and
// leaves a running server behind in `w.server`.
const test = suite<{ w: World }>('crash safety of the Node server')
test.before(async (ctx) => {
  ctx.w = await prepare(3)
})
test.after(async ({ w }) => {
  await w.server.stop()
  w.home.remove()
})

test('SIGKILL mid-load: every acknowledged submission is stored exactly once and its token stays spent', async ({
  w,
}) => {
  const p = w.scenarios[0]
  const server = w.server
  // Six submissions in flight at a time; the server is killed as soon as a third of them are
  // acknowledged, so the kill always falls mid-load: requests in flight are cut off, later ones refused.
  const outcome: ('stored' | 'lost' | 'pending')[] = p.bodies.map(() => 'pending')
  const receipts: (string | undefined)[] = []
  let acknowledged = 0
  let killed: Promise<void> | undefined
  let next = 0
  const worker = async () => {
    while (next < p.bodies.length) {
      const i = next++
      try {
        const res = await submit(server, p, i)
        if (res.status !== 201)
          throw new Error(`submission ${i}: ${res.status} ${JSON.stringify(res.body)}`)
        outcome[i] = 'stored'
        receipts[i] = res.body.receipt
        if (++acknowledged === Math.floor(MEMBERS / 3)) killed = server.crash()
      } catch (error) {
        if (!killed) throw error
        outcome[i] = 'lost' // no answer: stored or not, the client cannot know
      }
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker))
  await killed
  const stored = outcome.filter((o) => o === 'stored').length
  assert.ok(
    stored >= Math.floor(MEMBERS / 3) && stored < MEMBERS,
    `the kill fell mid-load (${stored} of ${MEMBERS} acknowledged)`,
  )

  const db = createClient({ url: `file:${w.home.databaseFile}` })
  const afterCrash = await counts(db, p.pulseId)
  db.close()
  // Nothing acknowledged is missing; anything stored is whole (two scores, one spent token each).
  assert.ok(
    afterCrash.responses >= stored,
    `${afterCrash.responses} stored, ${stored} acknowledged`,
  )
  assert.is(afterCrash.spent, afterCrash.responses)
  assert.is(afterCrash.answers, afterCrash.responses * 2)

  w.server = await w.home.start()
  // A retry of every submission: acknowledged ones are 409 with their receipt; lost ones are
  // stored now (201) or turn out to have been stored before the kill (409).
  for (const [i, o] of outcome.entries()) {
    const res = await submit(w.server, p, i)
    if (o === 'stored') {
      assert.is(res.status, 409, `token ${i} was spent before the crash`)
      assert.is(res.body.receipt, receipts[i])
    } else {
      assert.ok(res.status === 201 || res.status === 409, `retry of lost ${i}: ${res.status}`)
    }
  }
  const owner = ownerOn(w)
  const closed = await owner.expect(200, 'POST', `/api/pulses/${p.pulseId}/close`)
  assert.is(closed.responded, MEMBERS, 'each token stored exactly once')
  const report = await owner.expect(200, 'GET', `/api/pulses/${p.pulseId}/report`)
  const likert = report.groups[0].questions.find((q: any) => q.questionId === p.questions[0].id)
  assert.is(likert.n, MEMBERS)
  assert.equal(likert.distribution, {
    '1': MEMBERS / 5,
    '2': MEMBERS / 5,
    '3': MEMBERS / 5,
    '4': MEMBERS / 5,
    '5': MEMBERS / 5,
  })
})

test('a close cut off after its status changed completes once at restart; raw rows are gone', async ({
  w,
}) => {
  const p = w.scenarios[1]
  for (const i of p.bodies.keys()) assert.is((await submit(w.server, p, i)).status, 201)
  await w.server.crash()
  // The state a SIGKILL between closePulse's first batch and releasePulse leaves: closed, keys
  // gone, nothing released, raw answers still there.
  const db = createClient({ url: `file:${w.home.databaseFile}` })
  await db.batch([
    {
      sql: `update pulses set status = 'closed', responded = (select count(*) from responses where pulse_id = ?1) where id = ?1`,
      args: [p.pulseId],
    },
    { sql: 'update pulse_keys set private_key = null where pulse_id = ?', args: [p.pulseId] },
  ])
  assert.equal(await counts(db, p.pulseId), {
    responses: MEMBERS,
    answers: MEMBERS * 2,
    spent: MEMBERS,
    issued: MEMBERS,
    views: 0,
    histograms: 0,
  })

  // The server's first scheduler tick runs before it listens, and finishes the release.
  w.server = await w.home.start()
  const released = await counts(db, p.pulseId)
  assert.is(
    released.responses + released.answers + released.spent + released.issued,
    0,
    'raw rows deleted',
  )
  assert.is(released.views, 1, 'one released view')
  assert.is(released.histograms, 0, 'no per-cohort histogram kept')
  const [pulse] = (
    await db.execute({
      sql: 'select released, responded from pulses where id = ?',
      args: [p.pulseId],
    })
  ).rows
  assert.equal([Number(pulse.released), Number(pulse.responded)], [1, MEMBERS])

  // Once: another close and another tick change nothing.
  const owner = ownerOn(w)
  assert.is((await owner.expect(200, 'POST', `/api/pulses/${p.pulseId}/close`)).responded, MEMBERS)
  assert.equal(await counts(db, p.pulseId), released)
  const report = await owner.expect(200, 'GET', `/api/pulses/${p.pulseId}/report`)
  assert.is(report.participation.responded, MEMBERS)
  assert.is(report.groups[0].questions[0].n, MEMBERS)
  // A token spent before the crash is refused now that the pulse is closed (410).
  assert.is((await submit(w.server, p, 0)).status, 410)
  db.close()
})

test('SIGKILL right after a close request: after restart the pulse is closed once or not at all, never half', async ({
  w,
}) => {
  const p = w.scenarios[2]
  for (const i of p.bodies.keys()) assert.is((await submit(w.server, p, i)).status, 201)
  const request = ownerOn(w)
    .call('POST', `/api/pulses/${p.pulseId}/close`)
    .catch(() => undefined)
  await new Promise((r) => setTimeout(r, 5))
  await w.server.crash()
  await request
  w.server = await w.home.start()
  const owner = ownerOn(w)
  const pulse = await owner.expect(200, 'GET', `/api/pulses/${p.pulseId}`)
  assert.ok(pulse.status === 'open' || pulse.status === 'closed', pulse.status)
  assert.is((await owner.expect(200, 'POST', `/api/pulses/${p.pulseId}/close`)).responded, MEMBERS)
  const db = createClient({ url: `file:${w.home.databaseFile}` })
  const after = await counts(db, p.pulseId)
  db.close()
  assert.is(after.responses + after.answers + after.spent + after.issued, 0)
  assert.is(after.views, 1, 'one released view (the pulse has no attributes, so one cut)')
})

test.run()
