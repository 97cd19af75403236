import { useModel } from '@preact/signals'
import type { Community } from '../api-types'
import { SurveyScope } from '../components/survey-scope'
import { OpenPulseForm } from '../components/open-pulse-form'
import { Page, Section } from '../components/page'
import { Async, Problem } from '../components/problem'
import { PulseList } from '../components/pulse-list'
import { ScheduleForm } from '../components/schedule-form'
import { can } from '../models/communities'
import { PulsesModel, type Pulses } from '../models/pulses-model'

/** A survey's pulses at /surveys/:sid/pulses: list, open one, close, share, and the schedule. */
export default function PulsesPage({ params }: { params: { sid: string } }) {
  const m = useModel(() => new PulsesModel(params.sid))
  return (
    <SurveyScope survey={m.survey}>
      {(_, community) => <PulsesView m={m} community={community} />}
    </SurveyScope>
  )
}

function PulsesView({ m, community }: { m: Pulses; community: Community }) {
  const survey = m.survey.data.value!
  const canAct = can(community.role, 'organizer')
  const actError = m.act.error.value
  const removeError = m.remover.error.value
  const schedule = m.schedule.value
  return (
    <Page
      title={`Pulses: ${survey.title}`}
      crumbs={[
        { label: 'Communities', href: '/communities' },
        { label: `${community.name}: surveys`, href: `/communities/${community.id}/surveys` },
      ]}
      intro="Each pulse asks this survey's questions for a while. Results appear only after it closes, and only for groups large enough to stay anonymous."
    >
      <p class="page-links">
        <a href={`/surveys/${survey.id}/dashboard`}>Dashboard: trends across pulses</a>
        <a href={`/surveys/${survey.id}`}>{canAct ? 'Edit the questions' : 'See the questions'}</a>
      </p>
      <Section title="Pulses">
        {actError && (
          <Problem error={actError}>
            {actError.status === 409 && (
              <p>Results can be shared only after the pulse has closed.</p>
            )}
          </Problem>
        )}
        {removeError && <Problem error={removeError} />}
        <Async of={m.pulses} label="Loading pulses…">
          {() => <PulseList m={m} canAct={canAct} />}
        </Async>
      </Section>
      {canAct && (
        <Section title="Open a pulse">
          <OpenPulseForm m={m} community={community} />
        </Section>
      )}
      <Section title="Schedule">
        <p class="hint">
          A schedule opens a pulse of this survey by itself at a steady rhythm, so trends build up
          without anyone remembering to.
        </p>
        {canAct ? (
          <ScheduleForm sid={survey.id} current={schedule} onSaved={m.refreshSchedule} />
        ) : (
          <p>{schedule ? 'This survey runs on a schedule.' : 'No schedule.'}</p>
        )}
      </Section>
    </Page>
  )
}
