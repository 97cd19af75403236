import type { Question } from '../../api/surveys/question'
import type { Group, QuestionResult, Report } from './api'
import { model } from './app-state'
import { formatDate } from './format'
import later from './i18n/en-later.json'
import { addEnglish, optionText, t, wording } from './i18n'
import { describeCohort } from './key-check'
import { mean, nps, num, participationRate, percent } from './numbers'

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

function GroupTable({ report, group }: { report: Report; group: Group }) {
  const question = (id: string) => report.survey?.questions.find((q) => q.id === id)
  const who = describeCohort(group.cohort)
  if (group.suppressed) return <p>{t('r.forHidden', { who })}</p>
  return (
    <table class="results">
      <caption>
        {t('r.for', { who })}
        {group.respondents !== undefined && ` ${t('r.n', { n: num(group.respondents) })}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('r.q')}</th>
          <th scope="col">{t('r.result')}</th>
          <th scope="col">{t('r.answers')}</th>
        </tr>
      </thead>
      <tbody>
        {(group.questions ?? []).map((r) => {
          const q = question(r.questionId)
          return (
            <tr key={r.questionId}>
              <th scope="row">{q ? wording(q).prompt : r.questionId}</th>
              <td>{headline(r, q)}</td>
              <td>{r.suppressed || r.n === undefined ? '–' : num(r.n)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** The results organizers shared with the community, headline numbers only. */
export function ResultsList() {
  const reports = model.results.value
  if (!reports?.length) return null
  return (
    <section aria-labelledby="shared-results">
      <h2 id="shared-results">{t('r.title')}</h2>
      {reports.map((report) => {
        const { eligible, responded, rate } = report.participation
        return (
          <article class="report" key={report.pulse.id}>
            <h3>
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
            {report.released ? (
              report.groups.map((g, i) => <GroupTable key={i} report={report} group={g} />)
            ) : (
              <p>{t('r.unreleased')}</p>
            )}
          </article>
        )
      })}
    </section>
  )
}
