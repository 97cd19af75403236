import { signal } from '@preact/signals'
import type { MemberAction } from './api'
import { api } from './app-state'
import later from './i18n/en-later.json'
import { addEnglish, locale, t, wording } from './i18n'
import { describeCohort } from './key-check'
import { mean, num, percent } from './numbers'

addEnglish(later)

// What the community's organizers are doing about what members said ("you said, we did"): on the
// member home, and named beside each shared result. Loaded lazily: the answering page never
// carries it. Fetched once per page load; a device without a working key shows nothing.

const actions = signal<MemberAction[] | undefined>(undefined)
let asked = false
function load() {
  if (asked) return
  asked = true
  api.actions().then(
    (list) => (actions.value = list),
    () => (actions.value = []),
  )
}

/** A UTC day `2026-03-02` in the member's language. */
const day = (d: string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${d}T00:00:00Z`),
  )

/** What the action answers: the question as the member reads it, a dimension, or the survey. */
function heard(a: MemberAction): string {
  const { question, dimension, survey, group } = a.heard
  const what = question
    ? t('ac.quote', { q: wording(question).prompt })
    : dimension
      ? t('ac.dim', { d: dimension })
      : t('ac.survey', { survey: survey.title })
  return group ? `${what} ${t('ac.group', { who: describeCohort(group) })}` : what
}

function dates(a: MemberAction): string {
  return [
    a.startedOn && t('ac.started', { date: day(a.startedOn) }),
    a.endedOn && t(a.status === 'dropped' ? 'ac.droppedOn' : 'ac.doneOn', { date: day(a.endedOn) }),
    a.targetDate && a.status !== 'done' && a.status !== 'dropped'
      ? t('ac.target', { date: day(a.targetDate) })
      : '',
  ]
    .filter(Boolean)
    .join(' · ')
}

/** How the action's follow-up question was answered, pulse by pulse (shared pulses only). */
function Going({ a }: { a: MemberAction }) {
  const points = a.followUps.filter((p) => p.result)
  if (!points.length && !a.updates.length) return null
  return (
    <>
      <h4>{t('ac.going')}</h4>
      {a.updates.length > 0 && (
        <ol class="action-updates">
          {a.updates.map((u) => (
            <li key={u.id}>
              <time dateTime={u.date}>{day(u.date)}</time>: {u.text}
            </li>
          ))}
        </ol>
      )}
      {points.length > 0 && (
        <ul class="action-results">
          {points.map(({ pulseId, closesAt, result }) => {
            const date = day(closesAt.slice(0, 10))
            return (
              <li key={pulseId}>
                {result!.suppressed
                  ? t('ac.resultHidden', { date })
                  : t('ac.result', {
                      date,
                      p: percent(result!.favorable ?? 0),
                      m: mean(result!.mean ?? 0),
                      n: num(result!.n),
                    })}
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}

function ActionItem({ a }: { a: MemberAction }) {
  const when = dates(a)
  return (
    <li class="action-item" id={`action-${a.id}`} aria-labelledby={`action-${a.id}-t`}>
      <h3 id={`action-${a.id}-t`}>{a.title}</h3>
      <p class={`action-status status-${a.status.replace(' ', '-')}`}>
        {t(`ac.st.${a.status}`)}
        {when && <span class="meta"> · {when}</span>}
      </p>
      <h4>{t('ac.heard')}</h4>
      <p>{heard(a)}</p>
      {a.plan && (
        <>
          <h4>{t('ac.doing')}</h4>
          <p class="action-plan">{a.plan}</p>
        </>
      )}
      <Going a={a} />
    </li>
  )
}

/** The member home's list of the community's actions: what was heard, done, and how it goes. */
export function ActionsList() {
  load()
  const list = actions.value
  if (!list?.length) return null
  return (
    <section aria-labelledby="actions-title" class="actions-list">
      <h2 id="actions-title">{t('ac.title')}</h2>
      <p class="meta">{t('ac.intro')}</p>
      <ul class="action-items">
        {list.map((a) => (
          <ActionItem key={a.id} a={a} />
        ))}
      </ul>
    </section>
  )
}

/** Beside a shared result: the actions answering its survey, linked to where they are listed. */
export function SurveyActions({ surveyId }: { surveyId: string }) {
  load()
  const list = actions.value?.filter((a) => a.surveyId === surveyId) ?? []
  if (!list.length) return null
  return (
    <p class="survey-actions">
      {t('ac.beside')}{' '}
      {list.map((a, i) => (
        <span key={a.id}>
          {i > 0 && ', '}
          <a href={`#action-${a.id}`}>{a.title}</a> ({t(`ac.st.${a.status}`)})
        </span>
      ))}
    </p>
  )
}
