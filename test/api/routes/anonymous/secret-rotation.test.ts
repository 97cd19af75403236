// SECURITY.md, "Rotating SECRET_KEY": an open pulse's cohort keys are sealed under the secret it
// opened with. After a change the token route says so plainly, and the operator's log says why.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createApp } from '../../../../api/app'
import { nodeRawRsa } from '../../../../api/runtime/node-raw-rsa'
import { createBlindSigner } from '../../../../api/privacy/blind-signing'
import { prepareToken } from '../../../../web/member/token-client'
import { testApp } from '../../../helpers/app'
import { assertProblem } from '../../../helpers/fixtures'
import { Agent } from '../../../helpers/http'
import { myPulse, openPulseWithMembers } from '../../../helpers/protocol'

const test = suite('protocol: a changed server secret')

test('a token request for a pulse opened under another secret is a 500 that says what to do', async () => {
  const t = await testApp()
  const { pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const { key } = await myPulse(t, members[0].memberKey!, pulse.id)
  const { blindedMsg } = await prepareToken(key.publicKey)
  // The same database, served with a new secret (and a signer that never imported the key).
  const logs: string[] = []
  const rotated = {
    ...t,
    deps: {
      ...t.deps,
      secret: new Uint8Array(32).fill(9),
      signer: createBlindSigner({ rawRsa: nodeRawRsa }),
      log: (line: string) => void logs.push(line),
    },
  }
  rotated.app = createApp(rotated.deps)
  const res = await new Agent(rotated).post(
    `/api/pulses/${pulse.id}/tokens`,
    { blindedMsg },
    { bearer: members[0].memberKey },
  )
  assertProblem(res, 500)
  assert.match(res.body.detail, /close it and open a new one/)
  assert.equal(logs, [
    'error POST /api/pulses/:pid/tokens: the cohort key of an open pulse does not open with the current SECRET_KEY',
  ])
  // Nothing was issued: under the old secret the member can still get a token.
  const again = await new Agent(t).post(
    `/api/pulses/${pulse.id}/tokens`,
    { blindedMsg },
    { bearer: members[0].memberKey },
  )
  assert.is(again.status, 200)
})

test.run()
