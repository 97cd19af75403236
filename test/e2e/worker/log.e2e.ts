// The transparency log and the pulse fingerprint on the Worker (workerd, local D1): no
// interactive transactions there, so appends go in one db.batch with their change, and parallel
// requests must still never fork the chain. Run by test/e2e/worker/run.ts after worker.e2e.ts
// (whose setup made the owner this suite signs in as).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkChain, type LogEntry } from '../../../api/privacy/log-chain'
import { memberKey } from '../../../web/member/token-client'
import type { TestApp } from '../../helpers/app'
import { Agent, email, type Reply } from '../../helpers/http'
import { fingerprintFromFetched, wholeLog } from '../../helpers/log'
import { inviteKeyOf } from '../../helpers/protocol'
import type { RunningEdge } from './worker.e2e'

function expectStatus(res: Reply, status: number, what: string): any {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`)
  return res.body
}

export function register(edge: RunningEdge): void {
  const remote = {
    app: { request: (path: string, init: RequestInit) => fetch(edge.url + path, init) },
  } as unknown as TestApp
  const agent = () => new Agent(remote)
  const owner = agent()
  const ctx = {} as { cid: string; keys: string[]; pulse: any }

  const log = suite('worker: the transparency log on D1')

  log('a community whose members joined: their counts wait for the day to end', async () => {
    expectStatus(
      await owner.post('/api/session', {
        email: 'owner@example.org',
        password: 'correct horse battery',
      }),
      200,
      'sign in',
    )
    ctx.cid = expectStatus(
      await owner.post('/api/communities', {
        name: 'Log keepers',
        attributes: ['team'],
        minGroupSize: 3,
      }),
      201,
      'community',
    ).id
    const members = ['a', 'a', 'a', 'b', 'b', 'b'].map((team) => ({
      email: email('logged'),
      attributes: { team },
    }))
    const imported = expectStatus(
      await owner.post(`/api/communities/${ctx.cid}/members`, { members }),
      201,
      'import',
    )
    ctx.keys = []
    for (const m of imported.members) {
      const key = memberKey()
      expectStatus(
        await agent().post('/api/join', { inviteKey: inviteKeyOf(m.inviteUrl), memberKey: key }),
        200,
        'join',
      )
      ctx.keys.push(key)
    }
    const empty = expectStatus(await owner.get(`/api/communities/${ctx.cid}/log`), 200, 'log')
    assert.equal(empty, { entries: [], head: null })
  })

  log('parallel settings changes, reads and a pulse opening never fork the chain', async () => {
    const survey = expectStatus(
      await owner.post(`/api/communities/${ctx.cid}/surveys`, { template: 'trust-pulse' }),
      201,
      'survey',
    )
    const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
    const requests = [
      ...Array.from({ length: 12 }, (_, i) =>
        owner.patch(`/api/communities/${ctx.cid}`, {
          minGroupSize: 3 + (i % 2),
          minCommentGroupSize: 20 + i,
        }),
      ),
      owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt }),
      ...ctx.keys.map((key) => agent().get('/api/me/log', { bearer: key })),
    ]
    const answers = await Promise.all(requests)
    assert.equal(
      answers.map((r) => r.status),
      [...Array(12).fill(200), 201, ...Array(6).fill(200)],
      answers.map((r) => r.text.slice(0, 200)).join('\n'),
    )
    ctx.pulse = answers[12].body
    const { entries, head } = await wholeLog(owner, `/api/communities/${ctx.cid}/log`)
    assert.equal(
      entries.map((e) => e.seq),
      Array.from({ length: 14 }, (_, i) => i + 1),
      'one entry at each place',
    )
    assert.equal(await checkChain(entries, null), { ok: true, head })
    const kinds = (kind: LogEntry['kind']) => entries.filter((e) => e.kind === kind)
    assert.is(kinds('settings').length, 12)
    assert.equal(
      kinds('members').map((e) => e.data),
      [{ cohort: {}, added: 6, joined: 6, reinvited: 0, removed: 0 }],
    )
    const opened = entries.flatMap((e) => (e.kind === 'pulse-opened' ? [e.data] : []))
    assert.is(opened.length, 1)
    assert.is(opened[0].pulseId, ctx.pulse.id)
    assert.is(opened[0].fingerprint, ctx.pulse.fingerprint)
  })

  log(
    'a member computes the pulse’s fingerprint from what it fetches, and reads the same log',
    async () => {
      const [key] = ctx.keys
      const mine = expectStatus(await agent().get('/api/me/pulses', { bearer: key }), 200, 'mine')
      const entry = mine.find((e: any) => e.pulse.id === ctx.pulse.id)
      assert.equal(entry.snapshot, { attributes: { team: 'a' } })
      const keys = expectStatus(
        await agent().get(`/api/pulses/${ctx.pulse.id}/keys`, { bearer: key }),
        200,
        'keys',
      )
      assert.match(ctx.pulse.fingerprint, /^[A-Z2-7]{4}( [A-Z2-7]{4}){3}$/)
      assert.is(await fingerprintFromFetched(entry, keys), ctx.pulse.fingerprint)
      const asMember = await wholeLog(agent(), '/api/me/log', { bearer: key })
      const asOwner = await wholeLog(owner, `/api/communities/${ctx.cid}/log`)
      assert.equal(asMember, asOwner)
      expectStatus(await owner.post(`/api/pulses/${ctx.pulse.id}/close`), 200, 'close')
      const after = expectStatus(
        await agent().get(`/api/me/log?after=${asMember.head!.seq}`, { bearer: key }),
        200,
        'log after',
      )
      assert.equal(
        after.entries.map((e: LogEntry) => [e.kind, e.data]),
        [['pulse-closed', { pulseId: ctx.pulse.id }]],
      )
      assert.ok((await checkChain(after.entries, asMember.head)).ok)
    },
  )

  log.run()
}
