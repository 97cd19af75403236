import { createModel, useModel } from '@preact/signals'
import * as api from '../api'
import { statusLabels } from '../models/actions-model'
import { resource } from '../models/resource'
import { Section } from './page'
import '../../styles/actions.css'

const NextFollowUps = createModel((sid: string) => ({
  list: resource(() => api.getNextFollowUps(sid)),
}))

/**
 * The follow-up questions the survey's next pulse will carry, as things stand now: one per
 * action of the survey in progress or done since its last pulse, at most three. They are asked
 * after the survey's own questions and frozen when the pulse opens.
 */
export function FollowUpsPreview({ sid, cid }: { sid: string; cid: string }) {
  const m = useModel(() => new NextFollowUps(sid))
  // Only when there are some: a survey without actions keeps its designer as it was.
  const followUps = m.list.data.value?.followUps ?? []
  if (!followUps.length) return null
  return (
    <Section title="Follow-up questions on the next pulse">
      <p class="hint">
        Asked after the survey's questions, optional, agreement 1–5: one for each{' '}
        <a href={`/communities/${cid}/actions`}>action</a> of this survey in progress or done since
        its last pulse (at most three). They are fixed when the pulse opens; changing an action's
        status before then changes them.
      </p>
      <ul class="follow-up-list">
        {followUps.map((f) => (
          <li key={f.actionId}>
            {f.question.prompt} <span class="meta">({statusLabels[f.status].toLowerCase()})</span>
          </li>
        ))}
      </ul>
    </Section>
  )
}
