/**
 * The enrollment emails' built-in wording (docs/ENROLLMENT.md, "Notifications"). Given the person
 * placeholders by the catalog, so this file imports nothing from it.
 */
export function enrollmentTemplates(person: readonly string[], personSample: Readonly<Record<string, string>>) {
  const enrollmentPlaceholders = [
    ...person,
    'courseCode',
    'courseTitle',
    'sectionCode',
    'startsOn',
    'endsOn',
    'place',
    'waitlistPosition',
  ] as const;
  const enrollmentSample = {
    ...personSample,
    courseCode: 'CP-101',
    courseTitle: 'Community partner orientation',
    sectionCode: 'CP-101-SPRING',
    startsOn: 'March 3, 2027',
    endsOn: 'March 5, 2027',
    place: 'Online',
    waitlistPosition: '3',
  };
  const sectionLines = ['Section: {{sectionCode}}', 'Dates: {{startsOn}} to {{endsOn}}', 'Where: {{place}}'];

  return {
    enrolled: {
      key: 'enrolled',
      label: 'Enrolled in a section',
      description: 'Sent when someone is given a place in a section (also when an administrator forces one).',
      placeholders: enrollmentPlaceholders,
      required: [],
      sample: enrollmentSample,
      subject: 'You have a place in {{courseTitle}}',
      bodyText: [
        'Hello {{firstName}},',
        '',
        'You are enrolled in {{courseTitle}} ({{courseCode}}).',
        '',
        ...sectionLines,
        '',
        '{{loginUrl}}',
      ].join('\n'),
      bodyHtml: null,
    },
    waitlisted: {
      key: 'waitlisted',
      label: 'Put on a waitlist',
      description: 'Sent when a section is full and someone is put on its waitlist, with their position.',
      placeholders: enrollmentPlaceholders,
      required: [],
      sample: enrollmentSample,
      subject: 'You are on the waitlist for {{courseTitle}}',
      bodyText: [
        'Hello {{firstName}},',
        '',
        '{{courseTitle}} ({{courseCode}}) is full for now. You are number {{waitlistPosition}} on its waitlist.',
        'We will write to you as soon as a place opens for you.',
        '',
        ...sectionLines,
      ].join('\n'),
      bodyHtml: null,
    },
    promoted: {
      key: 'promoted',
      label: 'A place opened from the waitlist',
      description: 'Sent when someone leaves a full section and the first person on its waitlist takes the place.',
      placeholders: enrollmentPlaceholders,
      required: [],
      sample: enrollmentSample,
      subject: 'A place opened for you in {{courseTitle}}',
      bodyText: [
        'Hello {{firstName}},',
        '',
        'Good news: a place opened in {{courseTitle}} ({{courseCode}}) and it is yours. You are now enrolled.',
        '',
        ...sectionLines,
        '',
        '{{loginUrl}}',
      ].join('\n'),
      bodyHtml: null,
    },
    section_cancelled: {
      key: 'section_cancelled',
      label: 'Section cancelled',
      description: 'Sent to everyone enrolled or waitlisted in a section when it is cancelled.',
      placeholders: enrollmentPlaceholders,
      required: [],
      sample: enrollmentSample,
      subject: '{{courseTitle}}: section {{sectionCode}} is cancelled',
      bodyText: [
        'Hello {{firstName}},',
        '',
        'The section {{sectionCode}} of {{courseTitle}} will not take place, so your place in it has been released.',
        'Your administrator can enroll you in another section.',
        '',
        ...sectionLines,
      ].join('\n'),
      bodyHtml: null,
    },
  } as const;
}
