import type { ComponentChildren } from 'preact'
import type { Community, Survey } from '../api-types'
import type { Resource } from '../models/resource'
import { CommunityScope } from './community-scope'
import { Page } from './page'
import { Async } from './problem'

/**
 * Renders `children` once the survey and its community are known; until then a titled page
 * with the loading state or the problem (e.g. a survey that does not exist).
 */
export function SurveyScope(props: {
  survey: Resource<Survey>
  children: (survey: Survey, community: Community) => ComponentChildren
}) {
  const survey = props.survey.data.value
  if (!survey) {
    return (
      <Page title="Survey" crumbs={[{ label: 'Communities', href: '/communities' }]}>
        <Async of={props.survey} label="Loading the survey…">
          {() => null}
        </Async>
      </Page>
    )
  }
  return (
    <CommunityScope cid={survey.communityId}>
      {(community) => props.children(survey, community)}
    </CommunityScope>
  )
}
