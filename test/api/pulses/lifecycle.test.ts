// Opening a pulse (api/pulses/lifecycle.ts): key ids are derived from the keys themselves, so a
// server cannot choose them, whether the keys are made at once or in the background; the
// members' snapshot keeps their attributes as they were, for their devices' checks.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { keyIdOf } from '../../../api/privacy/key-list'
import { testApp } from '../../helpers/app'
import { communityWith, pulseOf, surveyIn, teamMembers } from '../../helpers/fixtures'
import { setupOwner } from '../../helpers/http'
import { query } from '../../helpers/protocol'

const test = suite('pulses: opening')

async function opened(inlineKeyLimit: number) {
  const t = await testApp({ inlineKeyLimit })
  const owner = await setupOwner(t)
  const community = await communityWith(owner, {
    attributes: ['team'],
    members: teamMembers(3, 5),
    joined: true,
  })
  const survey = await surveyIn(owner, community.id)
  const pulse = await pulseOf(owner, survey.id)
  await Promise.all(t.tasks)
  const keys = (await owner.get(`/api/pulses/${pulse.id}/keys`)).body
  return { t, pulse, keys, community }
}

test('made at once: every key id is the SHA-256 of its key', async () => {
  const { keys } = await opened(10)
  assert.is(keys.length, 3)
  for (const k of keys) assert.is(k.keyId, await keyIdOf(k.publicKey))
})

test('made in the background: the rows and the members’ snapshot take the derived ids', async () => {
  const { t, pulse, keys } = await opened(1)
  assert.is(keys.length, 3)
  for (const k of keys) assert.is(k.keyId, await keyIdOf(k.publicKey))
  const snapshot = await query(t, 'select distinct key_id from pulse_members where pulse_id = ?', [
    pulse.id,
  ])
  assert.equal(snapshot.map((r) => r.key_id).sort(), keys.map((k: any) => k.keyId).sort())
  const pending = await query(t, "select count(*) as n from pulse_keys where id like 'pending:%'")
  assert.is(Number(pending[0].n), 0)
})

test('the snapshot keeps each member’s attributes as they were when the pulse opened', async () => {
  const { t, pulse, community } = await opened(10)
  const rows = await query(
    t,
    'select member_id, attributes from pulse_members where pulse_id = ?',
    [pulse.id],
  )
  assert.is(rows.length, 15)
  for (const r of rows) {
    const member = community.members.find((m) => m.id === r.member_id)!
    assert.equal(JSON.parse(String(r.attributes)), member.attributes)
  }
})

test.run()
