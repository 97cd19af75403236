// Who answers in a week of the demo story, when, and what. Everything is drawn from the story's
// seeded random source in one fixed order, so the story stays reproducible.
import { demoAnswers, demoComment, participation, type Random } from './data'
import type { Question } from '../surveys/questions'
import { HOUR, PULSE_LENGTH } from './calendar'
import type { DemoMember } from './member'

export type Answer = { questionId: string; value: unknown }

export interface WeekPlan {
  /** The members who answer this week, in the order they answer. */
  answering: DemoMember[]
  /** When each of them answers (ms), ascending. */
  times: number[]
  /** What each of them submits. */
  answerSets: Answer[][]
  /** How many of them write a comment. */
  comments: number
}

/**
 * The plan of week `week` of `weeks`, whose pulse opens at `opensAt`: 70–95 % of `members`
 * answer, the keener ones more often, at times spread over the pulse's run; about three and a
 * half of them write a comment that may name other members or `organizerName`.
 */
export function planWeek(
  random: Random,
  members: DemoMember[],
  questions: Question[],
  organizerName: string,
  { week, weeks, opensAt }: { week: number; weeks: number; opensAt: number },
): WeekPlan {
  const textQuestion = questions.find((q) => q.kind === 'text')
  const wanted = Math.round(participation(random, week, weeks) * members.length)
  const pool = [...members]
  const answering: DemoMember[] = []
  while (answering.length < wanted && pool.length > 0) {
    const total = pool.reduce((sum, m) => sum + m.mood.propensity, 0)
    let x = random.next() * total
    let i = 0
    while (i < pool.length - 1 && (x -= pool[i].mood.propensity) > 0) i++
    answering.push(pool.splice(i, 1)[0])
  }
  const times = answering
    .map(() => opensAt + HOUR + random.next() * (PULSE_LENGTH - 2 * HOUR))
    .sort((a, b) => a - b)
  const writers = new Set(answering.filter(() => random.next() < 3.5 / answering.length))

  // The answers are drawn here, in order, before anyone answers: members answer concurrently.
  let comments = 0
  const answerSets = answering.map((member) => {
    const answers: Answer[] = demoAnswers(
      questions,
      member.person,
      member.mood,
      week,
      weeks,
      random,
    )
    if (textQuestion && writers.has(member)) {
      const others = members.filter((m) => m !== member).map((m) => m.person)
      answers.push({
        questionId: textQuestion.id,
        value: demoComment(random, week, weeks, others, organizerName),
      })
      comments++
    }
    return answers
  })
  return { answering, times, answerSets, comments }
}
