import { signal } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import { Field } from '../components/field'
import { Page, Section } from '../components/page'
import { Async, Problem } from '../components/problem'
import { communities, rememberCommunity, roleLabels } from '../models/communities'
import { errorAt } from '../models/field-errors'
import { mutation } from '../models/mutation'

const name = signal('')
const create = mutation(() => api.createCommunity({ name: name.value.trim() }))

/** The caller's communities, and a form to start a new one (they become its owner). */
export default function CommunitiesPage() {
  const { route } = useLocation()
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    const community = await create.run()
    if (!community) return
    name.value = ''
    rememberCommunity(community)
    route(`/communities/${community.id}/settings?new=1`)
  }
  const error = create.error.value
  return (
    <Page title="Your communities">
      <Async of={communities} label="Loading your communities…">
        {(list) =>
          list.length === 0 ? (
            <p class="empty">
              You are not in any community yet. Create one below, or ask an owner to add you to
              their team.
            </p>
          ) : (
            <ul class="cards">
              {list.map((c) => (
                <li key={c.id} class="card">
                  <h2 class="card-title">
                    <a href={`/communities/${c.id}/surveys`}>{c.name}</a>
                  </h2>
                  <p class="meta">
                    Your role: {roleLabels[c.role]} · {c.attributes.length} attribute
                    {c.attributes.length === 1 ? '' : 's'} · groups of at least {c.minGroupSize}
                  </p>
                  <p class="card-links">
                    <a href={`/communities/${c.id}/surveys`}>Surveys</a>
                    {c.role !== 'viewer' && <a href={`/communities/${c.id}/members`}>Members</a>}
                    <a href={`/communities/${c.id}/settings`}>Settings</a>
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <Section title="New community">
        <form class="form inline-form" onSubmit={onSubmit}>
          {error && error.status !== 422 && <Problem error={error} />}
          <Field
            id="community-name"
            label="Name"
            value={name}
            required
            hint="For example your team's or group's name. Members see it when they join."
            error={errorAt(create.fieldErrors.value, 'name')}
          />
          <div class="actions">
            <button type="submit" disabled={create.pending}>
              {create.pending.value ? 'Creating…' : 'Create community'}
            </button>
          </div>
        </form>
        <p class="hint">Next you set its attributes and privacy thresholds, then import members.</p>
      </Section>
    </Page>
  )
}
