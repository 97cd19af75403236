import type { ComponentChildren } from 'preact'
import { useEffect } from 'preact/hooks'
import type { Community } from '../api-types'
import { ApiError } from '../api'
import { communities, currentCommunityId } from '../models/communities'
import { Page } from './page'
import { Loading, Problem } from './problem'

/**
 * Renders `children` with the community `cid` from the caller's list and marks it as the
 * current one (header switcher and community tabs); loading and not-found states otherwise.
 */
export function CommunityScope(props: {
  cid: string
  children: (community: Community) => ComponentChildren
}) {
  useEffect(() => {
    currentCommunityId.value = props.cid
  }, [props.cid])
  const list = communities.data.value
  const community = list?.find((c) => c.id === props.cid)
  if (community) return <>{props.children(community)}</>
  const crumbs = [{ label: 'Communities', href: '/communities' }]
  if (communities.error.value) {
    return (
      <Page title="Community" crumbs={crumbs}>
        <Problem error={communities.error.value} retry={communities.reload} />
      </Page>
    )
  }
  if (!list || communities.loading.value) return <Loading />
  return (
    <Page title="Community not found" crumbs={crumbs}>
      <Problem
        error={
          new ApiError({
            status: 404,
            title: 'Community not found',
            detail: 'It does not exist, or you are not on its team.',
          })
        }
      >
        <p>
          <a href="/communities">See your communities</a>
        </p>
      </Problem>
    </Page>
  )
}
