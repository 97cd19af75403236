import type { Pulse, ReportGroup } from '../api-types'
import { Section } from './page'
import { QuestionResult } from './question-result'

/**
 * The follow-up questions a pulse carried about the community's actions, with their results for
 * everyone: released under the same rules as the survey's own questions.
 */
export function FollowUpResults(props: {
  pulse: Pulse
  everyone: ReportGroup
  cid: string
  /** How many questions the survey asked before them (their numbers go on from there). */
  after: number
}) {
  const { pulse, everyone, cid, after } = props
  const followUps = pulse.followUps ?? []
  if (!followUps.length) return null
  return (
    <Section title="Follow-up questions about actions">
      <p class="hint">
        Asked after the survey's questions, optional: did what you did make a difference?{' '}
        <a href={`/communities/${cid}/actions`}>See the actions</a>
      </p>
      <div class="results">
        {followUps.map(({ question }, i) => (
          <QuestionResult
            key={question.id}
            question={question}
            number={after + i + 1}
            result={everyone.questions?.find((r) => r.questionId === question.id)}
            k={pulse.minGroupSize}
          />
        ))}
      </div>
    </Section>
  )
}
