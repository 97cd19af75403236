import { createModel, useModel } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import type { Community } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { Page } from '../components/page'
import { Async, Problem } from '../components/problem'
import { can } from '../models/communities'
import { mutation } from '../models/mutation'
import { resource } from '../models/resource'

const SurveyList = createModel((cid: string) => ({
  surveys: resource(() => api.listSurveys(cid)),
  fromTemplate: mutation(() => api.createSurvey(cid, { template: 'trust-pulse' })),
}))

export default function SurveysPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Surveys community={c} />}</CommunityScope>
}

/** A community's surveys with links to design each one and to run its pulses. */
function Surveys({ community }: { community: Community }) {
  const m = useModel(() => new SurveyList(community.id))
  const { route } = useLocation()
  const edit = can(community.role, 'organizer')
  const start = async () => {
    const survey = await m.fromTemplate.run()
    if (survey) route(`/surveys/${survey.id}`)
  }
  return (
    <Page
      title={`${community.name}: surveys`}
      crumbs={[{ label: 'Communities', href: '/communities' }]}
      intro="A survey is a fixed set of questions. Each time you run it, that is a pulse: open for a while, then closed, and reported only in groups large enough to stay anonymous."
    >
      {edit && (
        <p>
          <a class="button" href={`/communities/${community.id}/surveys/new`}>
            New survey
          </a>
        </p>
      )}
      <Async of={m.surveys} label="Loading surveys…">
        {(surveys) =>
          surveys.length === 0 ? (
            <div class="empty">
              <p>
                No surveys yet.
                {edit && ' Start from the trust pulse template: it takes a minute to adapt.'}
              </p>
              {edit && (
                <p>
                  <button type="button" onClick={start} disabled={m.fromTemplate.pending}>
                    {m.fromTemplate.pending.value
                      ? 'Creating the survey…'
                      : 'Create from the trust pulse template'}
                  </button>
                </p>
              )}
              {m.fromTemplate.error.value && <Problem error={m.fromTemplate.error.value} />}
            </div>
          ) : (
            <ul class="cards">
              {surveys.map((s) => (
                <li key={s.id} class="card">
                  <h2 class="card-title">
                    <a href={`/surveys/${s.id}/pulses`}>{s.title}</a>
                  </h2>
                  {s.description && <p class="card-text">{s.description}</p>}
                  <p class="meta">
                    {s.questions.length} question{s.questions.length === 1 ? '' : 's'}
                  </p>
                  <p class="card-links">
                    <a href={`/surveys/${s.id}/pulses`}>
                      Pulses<span class="visually-hidden"> of {s.title}</span>
                    </a>
                    <a href={`/surveys/${s.id}/dashboard`}>
                      Dashboard<span class="visually-hidden"> of {s.title}</span>
                    </a>
                    <a href={`/surveys/${s.id}`}>
                      {edit ? 'Design' : 'Questions'}
                      <span class="visually-hidden"> of {s.title}</span>
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Page>
  )
}
