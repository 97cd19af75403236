import { useModel } from '@preact/signals'
import type { Action, Community } from '../api-types'
import { ActionCard } from '../components/action-card'
import { CommunityScope } from '../components/community-scope'
import { Page } from '../components/page'
import { Async, Problem } from '../components/problem'
import { ActionsModel, statusLabels, statuses } from '../models/actions-model'
import { can } from '../models/communities'
import '../../styles/actions.css'

export default function ActionsPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Actions community={c} />}</CommunityScope>
}

/**
 * What the community is doing about what its members said: every action by status, with its
 * updates and follow-up results; organizers plan, update and close them here.
 */
function Actions({ community }: { community: Community }) {
  const m = useModel(() => new ActionsModel(community.id))
  const edit = can(community.role, 'organizer')
  const removeError = m.remove.error.value
  const remove = (action: Action) => {
    if (confirm(`Delete “${action.title}” and its updates? Members will no longer see it.`))
      void m.remove.run(action)
  }
  return (
    <Page
      title={`${community.name}: actions`}
      crumbs={[{ label: 'Communities', href: '/communities' }]}
      intro="What you are doing about what members said. Members see every action that is not a draft, with its updates, on their page; while one is in progress or just done, the next pulse of its survey asks whether it made a difference."
    >
      {edit && (
        <p>
          <a class="button" href={`/communities/${community.id}/actions/new`}>
            New action
          </a>
        </p>
      )}
      {removeError && <Problem error={removeError} />}
      <Async of={m.list} label="Loading actions…">
        {(list) =>
          list.length === 0 ? (
            <p class="empty">
              No actions yet.
              {edit &&
                ' Plan one from a report (“Plan an action” beside a question) or with “New action”.'}
            </p>
          ) : (
            statuses
              .filter((s) => list.some((a) => a.status === s))
              .map((status) => (
                <section
                  key={status}
                  class="panel action-group"
                  aria-labelledby={`status-${status.replace(' ', '-')}`}
                >
                  <h2 id={`status-${status.replace(' ', '-')}`}>{statusLabels[status]}</h2>
                  {list
                    .filter((a) => a.status === status)
                    .map((a) => (
                      <ActionCard
                        key={`${a.id}-${a.status}-${a.updates.length}`}
                        action={a}
                        edit={edit}
                        onChange={m.replace}
                        onDelete={remove}
                      />
                    ))}
                </section>
              ))
          )
        }
      </Async>
    </Page>
  )
}
