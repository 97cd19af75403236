import type { Group, QuestionResult, Report } from './api'
import { model } from './app-state'
import { formatDate } from './format'
import { describeCohort } from './key-check'
import { num, percent } from './numbers'

const hidden = 'hidden to protect anonymity'

/** The headline number of one question's result, in words. */
function headline(r: QuestionResult): string {
  if (r.suppressed) return hidden
  if (r.favorable !== undefined)
    return `${percent(r.favorable)} favorable, mean ${num(r.mean ?? 0)} of 5`
  if (r.nps !== undefined)
    return `score ${num(r.nps)} (−100 to 100), mean ${num(r.mean ?? 0)} of 10`
  if (r.yes !== undefined) return `${percent(r.yes)} yes`
  const top = Object.entries(r.distribution ?? {}).sort((a, b) => b[1] - a[1])[0]
  return top && r.n ? `most chosen: ${top[0]} (${percent(top[1] / r.n)})` : '–'
}

function GroupTable({ report, group }: { report: Report; group: Group }) {
  const prompt = (id: string) => report.survey?.questions.find((q) => q.id === id)?.prompt ?? id
  const who = describeCohort(group.cohort)
  if (group.suppressed)
    return (
      <p>
        Results for {who}: {hidden}.
      </p>
    )
  return (
    <table class="results">
      <caption>
        Results for {who}
        {group.respondents !== undefined && ` (${num(group.respondents)} answered)`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Question</th>
          <th scope="col">Result</th>
          <th scope="col">Answers</th>
        </tr>
      </thead>
      <tbody>
        {(group.questions ?? []).map((r) => (
          <tr key={r.questionId}>
            <th scope="row">{prompt(r.questionId)}</th>
            <td>{headline(r)}</td>
            <td>{r.suppressed || r.n === undefined ? '–' : num(r.n)}</td>
          </tr>
        ))}
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
      <h2 id="shared-results">Shared results</h2>
      {reports.map((report) => {
        const { eligible, responded, rate } = report.participation
        return (
          <article class="report" key={report.pulse.id}>
            <h3>
              {report.survey?.title ?? 'Pulse'}, closed {formatDate(report.pulse.closesAt)}
            </h3>
            <p>
              {num(responded)} of {eligible} people answered ({percent(rate)}).
            </p>
            {report.released ? (
              report.groups.map((g, i) => <GroupTable key={i} report={report} group={g} />)
            ) : (
              <p>Not released yet.</p>
            )}
          </article>
        )
      })}
    </section>
  )
}
