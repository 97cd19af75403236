import type { QuestionInput } from './questions'

/** A survey that ships with the product; organizers start from it and may edit the copy. */
export interface SurveyTemplate {
  id: string
  title: string
  description: string
  questions: QuestionInput[]
}

// Statements are phrased for agreement (1 = strongly disagree … 5 = strongly agree) and say
// "here" / "this group" so the same words fit a workplace team and a volunteer community.
const agree = (dimension: string, prompt: string): QuestionInput => ({
  kind: 'likert5',
  dimension,
  prompt,
})

const trustPulse: SurveyTemplate = {
  id: 'trust-pulse',
  title: 'Trust pulse',
  description:
    'A short, recurring check-in on how safe it feels to speak up, ask for help and try things ' +
    'out here. Takes a minute or two; answers are anonymous and only shown as group results.',
  questions: [
    agree('psychological safety', 'I can admit a mistake here without it being held against me.'),
    agree(
      'psychological safety',
      'I can ask a question that might sound basic and still feel respected.',
    ),
    agree(
      'psychological safety',
      'It is safe to disagree here, even with people who have more say than I do.',
    ),
    agree('trust in peers', 'I can count on people here to do what they say they will do.'),
    agree('trust in peers', 'If I were struggling, I trust that someone here would help me out.'),
    agree('voice', 'When I speak up, people here really listen.'),
    agree('voice', 'I feel comfortable sharing an idea here before I have fully worked it out.'),
    agree('voice', 'I can say I am unsure about something and still be taken seriously.'),
    agree(
      'learning',
      'When something goes wrong, we look at what we can learn, not at who is to blame.',
    ),
    agree('learning', 'I have recently learned something useful from someone here.'),
    {
      kind: 'scale10',
      prompt:
        'How likely would you be to recommend this group to a friend as a place to contribute? ' +
        '(0 = not at all likely, 10 = extremely likely)',
    },
    {
      kind: 'text',
      prompt: 'Anything else you would like to share? What would make it easier to speak up here?',
      required: false,
    },
  ],
}

const communityHealth: SurveyTemplate = {
  id: 'community-health',
  title: 'Community health check',
  description:
    'A fuller look at how the community is doing: belonging, inclusion, communication and ' +
    'whether the load people carry is sustainable. Takes about five minutes; answers are ' +
    'anonymous and only shown as group results.',
  questions: [
    agree('belonging', 'I feel like I belong in this community.'),
    agree('belonging', 'If I stepped away for a while, someone here would notice and check in.'),
    {
      kind: 'yesno',
      dimension: 'belonging',
      prompt: 'Do you expect to still be part of this community a year from now?',
    },
    agree('inclusion', 'People with different backgrounds and points of view are welcome here.'),
    agree('inclusion', 'Conversations here are not dominated by the same few voices.'),
    agree('inclusion', 'Newcomers can find their way in without already knowing the right people.'),
    {
      kind: 'yesno',
      dimension: 'inclusion',
      prompt:
        'In the past three months, have you seen or experienced something here that made ' +
        'someone feel unwelcome?',
    },
    agree('communication', 'I know where to find out what is going on and what has been decided.'),
    agree('communication', 'Decisions that affect me are explained clearly.'),
    {
      kind: 'choice',
      dimension: 'communication',
      prompt: 'Where do you mostly hear about what is happening?',
      options: [
        'Chat or forum',
        'Meetings or calls',
        'Email or newsletter',
        'From other people directly',
        'I often do not hear about it',
      ],
    },
    agree('sustainability', 'The amount I am taking on here feels sustainable.'),
    agree('sustainability', 'I can step back or say no here without feeling guilty.'),
    {
      kind: 'multi',
      dimension: 'sustainability',
      prompt: 'What would help you most right now? Pick any that apply.',
      options: [
        'Clearer priorities',
        'More people sharing the work',
        'More recognition for what people do',
        'Better tools or documentation',
        'More time to connect socially',
        'Nothing in particular',
      ],
    },
    {
      kind: 'scale10',
      prompt:
        'How likely would you be to recommend this community to a friend who wants to get ' +
        'involved? (0 = not at all likely, 10 = extremely likely)',
    },
    {
      kind: 'text',
      prompt: 'What is one thing that would make this community a healthier place to be?',
      required: false,
    },
  ],
}

/** The templates offered by `GET /api/templates`; ids are unique and every question is valid. */
export const templates: SurveyTemplate[] = [trustPulse, communityHealth]
