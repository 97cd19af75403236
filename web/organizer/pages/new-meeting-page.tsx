import { createModel, signal, useModel } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import type { Community } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Problem } from '../components/problem'
import { errorAt } from '../models/field-errors'
import { mutation } from '../models/mutation'
import { startTracker } from '../models/tracker-model'

/** "AB, cd ,  EF" → ["AB", "cd", "EF"]; empty when nothing was typed. */
export const parseLabels = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

const NewMeeting = createModel((cid: string) => ({
  title: signal(''),
  seats: signal('8'),
  labels: signal(''),
  create: mutation((input: { title: string; seats: number; labels?: string[] }) =>
    api.createMeeting(cid, input),
  ),
}))

export default function NewMeetingPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Create community={c} />}</CommunityScope>
}

/** Starts a meeting: a title, how many seats, and optional labels for them (initials). */
function Create({ community }: { community: Community }) {
  const m = useModel(() => new NewMeeting(community.id))
  const { route } = useLocation()
  const errors = m.create.fieldErrors.value
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    const labels = parseLabels(m.labels.value)
    const meeting = await m.create.run({
      title: m.title.value.trim(),
      seats: Number(m.seats.value),
      labels: labels.length ? labels : undefined,
    })
    if (!meeting) return
    startTracker(meeting)
    route(`/meetings/${meeting.id}`)
  }
  const error = m.create.error.value
  return (
    <Page
      title="New meeting"
      crumbs={[
        { label: 'Communities', href: '/communities' },
        { label: `${community.name}: meetings`, href: `/communities/${community.id}/meetings` },
      ]}
      intro="The tracker starts when you create the meeting. Tap a seat when someone starts speaking."
    >
      <form class="form" onSubmit={onSubmit} noValidate>
        {error && error.status !== 422 && <Problem error={error} />}
        <Field
          id="meeting-title"
          label="Title"
          value={m.title}
          required
          error={errorAt(errors, 'title')}
        />
        <Field
          id="meeting-seats"
          label="Seats"
          type="number"
          inputMode="numeric"
          min={2}
          max={40}
          value={m.seats}
          required
          hint="From 2 to 40: one per person around the table."
          error={errorAt(errors, 'seats')}
        />
        <Field
          id="meeting-labels"
          label="Seat labels (optional)"
          value={m.labels}
          hint="Initials or short names separated by commas, one per seat, up to 12 characters each. Left empty, seats are numbered. Labels are never linked to members."
          error={errorAt(errors, 'labels')}
        />
        <div class="actions">
          <button type="submit" disabled={m.create.pending}>
            {m.create.pending.value ? 'Starting…' : 'Start the meeting'}
          </button>
        </div>
      </form>
    </Page>
  )
}
