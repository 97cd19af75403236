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
// The second wording is German (informal "du", as a community speaks among itself).
const agree = (dimension: string, prompt: string, de: string): QuestionInput => ({
  kind: 'likert5',
  dimension,
  prompt,
  translations: { de: { prompt: de } },
})

const trustPulse: SurveyTemplate = {
  id: 'trust-pulse',
  title: 'Trust pulse',
  description:
    'A short, recurring check-in on how safe it feels to speak up, ask for help and try things ' +
    'out here. Takes a minute or two; answers are anonymous and only shown as group results.',
  questions: [
    agree(
      'psychological safety',
      'I can admit a mistake here without it being held against me.',
      'Ich kann hier einen Fehler zugeben, ohne dass er mir nachgetragen wird.',
    ),
    agree(
      'psychological safety',
      'I can ask a question that might sound basic and still feel respected.',
      'Ich kann auch eine Frage stellen, die vielleicht banal klingt, und werde trotzdem ernst genommen.',
    ),
    agree(
      'psychological safety',
      'It is safe to disagree here, even with people who have more say than I do.',
      'Ich kann hier ohne Sorge widersprechen, auch Leuten, die mehr zu sagen haben als ich.',
    ),
    agree(
      'trust in peers',
      'I can count on people here to do what they say they will do.',
      'Ich kann mich darauf verlassen, dass die Leute hier tun, was sie zusagen.',
    ),
    agree(
      'trust in peers',
      'If I were struggling, I trust that someone here would help me out.',
      'Wenn es mir schlecht ginge, würde mir hier jemand helfen, da bin ich sicher.',
    ),
    agree(
      'voice',
      'When I speak up, people here really listen.',
      'Wenn ich mich hier zu Wort melde, hört man mir wirklich zu.',
    ),
    agree(
      'voice',
      'I feel comfortable sharing an idea here before I have fully worked it out.',
      'Ich traue mich, hier eine Idee zu teilen, bevor sie ganz ausgereift ist.',
    ),
    agree(
      'voice',
      'I can say I am unsure about something and still be taken seriously.',
      'Ich kann sagen, dass ich mir bei etwas unsicher bin, und werde trotzdem ernst genommen.',
    ),
    agree(
      'learning',
      'When something goes wrong, we look at what we can learn, not at who is to blame.',
      'Wenn etwas schiefgeht, fragen wir, was wir daraus lernen können, nicht, wer schuld ist.',
    ),
    agree(
      'learning',
      'I have recently learned something useful from someone here.',
      'Ich habe in letzter Zeit von jemandem hier etwas Nützliches gelernt.',
    ),
    {
      kind: 'scale10',
      prompt:
        'How likely would you be to recommend this group to a friend as a place to contribute? ' +
        '(0 = not at all likely, 10 = extremely likely)',
      translations: {
        de: {
          prompt:
            'Wie wahrscheinlich ist es, dass du diese Gruppe einer Freundin oder einem Freund als Ort ' +
            'zum Mitmachen empfiehlst? (0 = überhaupt nicht wahrscheinlich, 10 = äußerst wahrscheinlich)',
        },
      },
    },
    {
      kind: 'text',
      prompt: 'Anything else you would like to share? What would make it easier to speak up here?',
      required: false,
      translations: {
        de: {
          prompt:
            'Möchtest du sonst noch etwas sagen? Was würde es leichter machen, sich hier zu äußern?',
        },
      },
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
    agree(
      'belonging',
      'I feel like I belong in this community.',
      'Ich habe das Gefühl, zu dieser Gemeinschaft dazuzugehören.',
    ),
    agree(
      'belonging',
      'If I stepped away for a while, someone here would notice and check in.',
      'Wenn ich mich eine Weile zurückziehen würde, würde das jemand bemerken und nachfragen.',
    ),
    {
      kind: 'yesno',
      dimension: 'belonging',
      prompt: 'Do you expect to still be part of this community a year from now?',
      translations: {
        de: { prompt: 'Glaubst du, dass du in einem Jahr noch Teil dieser Gemeinschaft bist?' },
      },
    },
    agree(
      'inclusion',
      'People with different backgrounds and points of view are welcome here.',
      'Menschen mit unterschiedlicher Herkunft und unterschiedlichen Sichtweisen sind hier willkommen.',
    ),
    agree(
      'inclusion',
      'Conversations here are not dominated by the same few voices.',
      'Gespräche hier werden nicht immer von denselben wenigen Stimmen bestimmt.',
    ),
    agree(
      'inclusion',
      'Newcomers can find their way in without already knowing the right people.',
      'Neue finden sich hier zurecht, auch ohne schon die richtigen Leute zu kennen.',
    ),
    {
      kind: 'yesno',
      dimension: 'inclusion',
      prompt:
        'In the past three months, have you seen or experienced something here that made ' +
        'someone feel unwelcome?',
      translations: {
        de: {
          prompt:
            'Hast du in den letzten drei Monaten hier etwas gesehen oder erlebt, durch das sich ' +
            'jemand nicht willkommen gefühlt hat?',
        },
      },
    },
    agree(
      'communication',
      'I know where to find out what is going on and what has been decided.',
      'Ich weiß, wo ich erfahre, was los ist und was entschieden wurde.',
    ),
    agree(
      'communication',
      'Decisions that affect me are explained clearly.',
      'Entscheidungen, die mich betreffen, werden verständlich erklärt.',
    ),
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
      translations: {
        de: {
          prompt: 'Wo erfährst du meistens, was gerade passiert?',
          options: [
            'Im Chat oder Forum',
            'In Treffen oder Calls',
            'Per E-Mail oder Newsletter',
            'Direkt von anderen',
            'Ich bekomme es oft gar nicht mit',
          ],
        },
      },
    },
    agree(
      'sustainability',
      'The amount I am taking on here feels sustainable.',
      'Das, was ich hier übernehme, kann ich auf Dauer gut tragen.',
    ),
    agree(
      'sustainability',
      'I can step back or say no here without feeling guilty.',
      'Ich kann mich hier zurücknehmen oder Nein sagen, ohne ein schlechtes Gewissen zu haben.',
    ),
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
      translations: {
        de: {
          prompt: 'Was würde dir gerade am meisten helfen? Wähle alles Zutreffende.',
          options: [
            'Klarere Prioritäten',
            'Mehr Leute, die die Arbeit teilen',
            'Mehr Anerkennung für das, was Menschen tun',
            'Bessere Werkzeuge oder Dokumentation',
            'Mehr Zeit, einander kennenzulernen',
            'Nichts Bestimmtes',
          ],
        },
      },
    },
    {
      kind: 'scale10',
      prompt:
        'How likely would you be to recommend this community to a friend who wants to get ' +
        'involved? (0 = not at all likely, 10 = extremely likely)',
      translations: {
        de: {
          prompt:
            'Wie wahrscheinlich ist es, dass du diese Gemeinschaft einer Freundin oder einem Freund ' +
            'empfiehlst, die oder der sich engagieren möchte? (0 = überhaupt nicht wahrscheinlich, ' +
            '10 = äußerst wahrscheinlich)',
        },
      },
    },
    {
      kind: 'text',
      prompt: 'What is one thing that would make this community a healthier place to be?',
      required: false,
      translations: {
        de: {
          prompt:
            'Was ist eine Sache, die diese Gemeinschaft zu einem gesünderen Ort machen würde?',
        },
      },
    },
  ],
}

/** The templates offered by `GET /api/templates`; ids are unique and every question is valid. */
export const templates: SurveyTemplate[] = [trustPulse, communityHealth]

// The blank survey is not a template: it starts from `blankQuestion`, whose placeholder prompt
// marks it as not yet written; pulses refuse to go out while it is (placeholder.ts).
export { blankQuestion, PLACEHOLDER_PROMPT } from './placeholder'
