import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Community } from '../../../web/organizer/api-types'
import * as s from '../../../web/organizer/models/community-settings'

const community: Community = {
  id: 'c1',
  name: 'Makers',
  attributes: ['team', 'tenure'],
  minGroupSize: 5,
  minCommentGroupSize: 10,
  privacyMode: 'threshold',
  epsilon: 1,
  role: 'owner',
}

const settings = suite('community settings')

settings('accepts the saved community and sends it back unchanged', () => {
  const draft = s.draftOf(community)
  assert.equal(s.validateSettings(draft), [])
  assert.equal(s.toCommunityInput(draft), {
    name: 'Makers',
    attributes: ['team', 'tenure'],
    minGroupSize: 5,
    minCommentGroupSize: 10,
    privacyMode: 'threshold',
  })
  assert.is(s.settingsChanged(draft, community), false)
})

settings('enforces the floors: k at least 3, comments at least 5 and never below k', () => {
  const paths = (over: Partial<s.SettingsDraft>) =>
    s.validateSettings({ ...s.draftOf(community), ...over }).map((p) => p.path)
  assert.equal(paths({ minGroupSize: '2' }), ['minGroupSize'])
  assert.equal(paths({ minGroupSize: '4.5' }), ['minGroupSize'])
  assert.equal(paths({ minCommentGroupSize: '4' }), ['minCommentGroupSize'])
  assert.equal(paths({ minGroupSize: '8', minCommentGroupSize: '6' }), ['minCommentGroupSize'])
  assert.equal(paths({ minGroupSize: '3', minCommentGroupSize: '5' }), [])
})

settings('checks attribute names and ε in noise mode', () => {
  const problems = s.validateSettings({
    ...s.draftOf(community),
    attributes: ['team', '', 'team', 'Email'],
    privacyMode: 'noise',
    epsilon: '0',
  })
  assert.equal(
    problems.map((p) => p.path),
    ['attributes.1', 'attributes.2', 'attributes.3', 'epsilon'],
  )
})

settings('sends ε only in noise mode', () => {
  const input = s.toCommunityInput({
    ...s.draftOf(community),
    privacyMode: 'noise',
    epsilon: '0.5',
  })
  assert.is(input.epsilon, 0.5)
})

settings('appends trimmed, new attribute names at the lowest priority', () => {
  assert.equal(s.appendAttribute(['team'], ' role '), ['team', 'role'])
  assert.equal(s.appendAttribute(['team'], 'team'), ['team'])
  assert.equal(s.appendAttribute(['team'], '  '), ['team'])
})

settings.run()
