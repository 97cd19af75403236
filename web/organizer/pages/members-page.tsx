import { useModel } from '@preact/signals'
import type { Community } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { ImportResults } from '../components/import-results'
import { MemberImport } from '../components/member-import'
import { ListControls, MemberTable } from '../components/member-table'
import { Page, Section } from '../components/page'
import { can, roleLabels } from '../models/communities'
import { MembersModel } from '../models/members-model'

export default function MembersPage({ params }: { params: { cid: string } }) {
  return (
    <CommunityScope cid={params.cid}>
      {(c) =>
        can(c.role, 'organizer') ? <Members community={c} /> : <NotForViewers community={c} />
      }
    </CommunityScope>
  )
}

const title = (community: Community) => `${community.name}: members`
const crumbs = [{ label: 'Communities', href: '/communities' }]

/** A viewer may not list members (API.md, roles): a plain word instead of forms that would fail. */
function NotForViewers({ community }: { community: Community }) {
  const base = `/communities/${community.id}`
  return (
    <Page title={title(community)} crumbs={crumbs}>
      <div class="notice">
        <p>
          Your role in {community.name} is {roleLabels[community.role].toLowerCase()}: you read
          pulses, reports, trends and meetings. The member list, imports and invite links are for
          organizers and owners, so they are not shown to you.
        </p>
        <p>If you need to add or invite members, ask an owner of {community.name} for that role.</p>
      </div>
      <p class="page-links">
        <a href={`${base}/surveys`}>Surveys and reports</a>
        <a href="/communities">Your communities</a>
      </p>
    </Page>
  )
}

function Members({ community }: { community: Community }) {
  const m = useModel(() => new MembersModel(community.id))
  const result = m.result.value
  return (
    <Page
      title={title(community)}
      crumbs={crumbs}
      intro="Members answer pulses anonymously through their own invite link. Their attributes decide which anonymous cohort they are counted in."
    >
      <Section title="Add members">
        <p class="notice">
          Invite links are shown only once, right after they are made: the server stores only a hash
          of each. Copy them before you leave this page.
        </p>
        <MemberImport m={m} community={community} />
        {result && <ImportResults result={result} />}
      </Section>
      <Section title="Member list">
        <ListControls list={m.list} community={community} />
        <MemberTable m={m} community={community} />
      </Section>
    </Page>
  )
}
