import { askedQuestions } from '../../api/actions/follow-ups'
import type { Question } from '../../api/surveys/question'
import type { Group, QuestionResult, Report } from './api'
import { model } from './app-state'
import { formatDate } from './format'
import later from './i18n/en-later.json'
import { addEnglish, optionText, t, wording } from './i18n'
import { describeCohort } from './key-check'
import { mean, nps, num, participationRate, percent } from './numbers'
import { SurveyActions } from './actions-list'
import { ResultChart } from './result-chart'
import { CommentsBlock } from './result-comments'
import { newestFirst, resultBars, type ResultBar } from './results-model'

addEnglish(later)

/** The headline number of one question's result, in words (options as the member reads them). */
function headline(r: QuestionResult, q: Question | undefined): string {
  if (r.suppressed) return t('r.hidden')
  const m = mean(r.mean ?? 0)
  if (r.favorable !== undefined) return t('r.fav', { p: percent(r.favorable), m })
  if (r.nps !== undefined) return t('r.nps', { s: nps(r.nps), m })
  if (r.yes !== undefined) return t('r.yes', { p: percent(r.yes) })
  const top = Object.entries(r.distribution ?? {}).sort((a, b) => b[1] - a[1])[0]
  if (!top || !r.n) return '–'
  return t('r.top', { o: q ? optionText(q, top[0]) : top[0], p: percent(top[1] / r.n) })
}

/** An answer as the member reads it in their language. */
function answerLabel(q: Question, value: string): string {
  if (q.kind === 'likert5') return t(`l${value}`)
  if (q.kind === 'yesno') return t(value === 'true' ? 'yes' : 'no')
  if (q.kind === 'scale10') return value
  return optionText(q, value)
}

const countAndShare = (b: ResultBar) => `${num(b.count)} · ${percent(b.share)}`

/** One question: its prompt, its headline in words, and its answers as a chart. */
function QuestionCard({ r, q, id }: { r: QuestionResult; q: Question | undefined; id: string }) {
  const prompt = q ? wording(q).prompt : r.questionId
  const bars = q ? resultBars(q, r, (v) => answerLabel(q, v)) : []
  return (
    <li class="result-q">
      <h4>{prompt}</h4>
      <p>{headline(r, q)}</p>
      {bars.length > 0 && (
        <ResultChart
          id={id}
          title={t('r.chart', { q: prompt })}
          bars={bars}
          columns={q?.kind === 'scale10'}
          value={countAndShare}
        />
      )}
    </li>
  )
}

function GroupResults({ report, group, id }: { report: Report; group: Group; id: string }) {
  // A pulse's follow-up questions about actions are reported beside its survey's own.
  const asked = askedQuestions(report.survey?.questions ?? [], report.pulse.followUps)
  const question = (qid: string) => asked.find((q) => q.id === qid)
  const who = describeCohort(group.cohort)
  if (group.suppressed) return <p>{t('r.forHidden', { who })}</p>
  return (
    <>
      <p class="group-caption" id={`${id}-c`}>
        {t('r.for', { who })}
        {group.respondents !== undefined && ` ${t('r.n', { n: num(group.respondents) })}`}
      </p>
      <ul class="result-qs" aria-labelledby={`${id}-c`}>
        {(group.questions ?? []).map((r, i) => (
          <QuestionCard key={r.questionId} r={r} q={question(r.questionId)} id={`${id}-q${i}`} />
        ))}
      </ul>
    </>
  )
}

/** A report's numbers and, for each text question, its comments (fetched when opened). */
function ReportBody({ report, id }: { report: Report; id: string }) {
  if (!report.released) return <p>{t('r.unreleased')}</p>
  const texts = report.survey?.questions.filter((q) => q.kind === 'text') ?? []
  return (
    <>
      {report.groups.map((g, i) => (
        <GroupResults key={i} report={report} group={g} id={`${id}-g${i}`} />
      ))}
      {texts.map((q) => (
        <CommentsBlock key={q.id} pulse={report.pulse} question={q} />
      ))}
    </>
  )
}

/**
 * The results organizers shared with the community, newest first: the latest shown in full, the
 * earlier ones one tap away. Each question with its headline and a small chart of its answers,
 * as organizers see them, and the released comments.
 */
export function ResultsList() {
  const reports = model.results.value
  if (!reports?.length) return null
  return (
    <section aria-labelledby="shared-results">
      <h2 id="shared-results">{t('r.title')}</h2>
      {newestFirst(reports).map((report, i) => {
        const { eligible, responded, rate } = report.participation
        const id = `r${i}`
        return (
          <article class="report" key={report.pulse.id} aria-labelledby={`${id}-h`}>
            <h3 id={`${id}-h`}>
              {t('r.closed', {
                title: report.survey?.title ?? t('r.pulse'),
                date: formatDate(report.pulse.closesAt),
              })}
            </h3>
            <p>
              {responded === null || rate === null
                ? t('r.rateFew', { k: num(report.pulse.minGroupSize), e: num(eligible) })
                : t('r.rate', {
                    r: num(responded),
                    e: num(eligible),
                    p: participationRate(responded, eligible),
                  })}
            </p>
            <SurveyActions surveyId={report.pulse.surveyId} />
            {i === 0 ? (
              <ReportBody report={report} id={id} />
            ) : (
              <details class="earlier">
                <summary>{t('r.show')}</summary>
                <ReportBody report={report} id={id} />
              </details>
            )}
          </article>
        )
      })}
    </section>
  )
}
