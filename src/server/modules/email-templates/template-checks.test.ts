import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emailTemplateCatalog, emailTemplateKeys } from './email-template-catalog.ts';
import { checkTemplate, listPlaceholders } from './template-checks.ts';

const activation = emailTemplateCatalog.welcome_activation;

test('every built-in template passes its own checks', () => {
  for (const key of emailTemplateKeys) {
    const problems = checkTemplate(emailTemplateCatalog[key], emailTemplateCatalog[key]);
    assert.deepEqual([problems.unknown, problems.missing], [[], []], key);
  }
});

test('unknown names are listed once overall and per field', () => {
  const problems = checkTemplate(activation, {
    subject: 'Hi {{fristName}}',
    bodyText: '{{activationUrl}} {{fristName}} {{password}}',
    bodyHtml: '<p>{{activationUrl}} {{ssn}}</p>',
  });
  assert.deepEqual(problems.unknown, ['fristName', 'password', 'ssn']);
  assert.deepEqual(problems.unknownByField, { subject: ['fristName'], bodyText: ['fristName', 'password'], bodyHtml: ['ssn'] });
});

test('a required link must stay in the text, and in HTML the tenant wrote', () => {
  const noLink = checkTemplate(activation, { subject: 'Hi', bodyText: 'Welcome.', bodyHtml: null });
  assert.deepEqual(noLink.missing, ['activationUrl']);
  assert.deepEqual(noLink.missingByField, { bodyText: ['activationUrl'] });
  const htmlWithout = checkTemplate(activation, { subject: 'Hi', bodyText: '{{activationUrl}}', bodyHtml: '<p>Welcome</p>' });
  assert.deepEqual(htmlWithout.missingByField, { bodyHtml: ['activationUrl'] });
  const htmlBlank = checkTemplate(activation, { subject: 'Hi', bodyText: '{{activationUrl}}', bodyHtml: ' ' });
  assert.deepEqual(htmlBlank.missing, [], 'a blank HTML body is made from the text');
});

test('emails without a required placeholder accept any wording of allowed names', () => {
  const problems = checkTemplate(emailTemplateCatalog.import_log, { subject: 'Done', bodyText: 'Your import finished.', bodyHtml: null });
  assert.deepEqual([problems.unknown, problems.missing], [[], []]);
});

test('listPlaceholders shows names as typed, in braces', () => {
  assert.equal(listPlaceholders(['firstName', '']), '{{firstName}}, {{}}');
});

test('a required link is not wanted in the subject', () => {
  const problems = checkTemplate(activation, { subject: 'Welcome', bodyText: 'Open {{activationUrl}}', bodyHtml: null });
  assert.deepEqual([problems.missing, problems.missingByField], [[], {}]);
});

test('a required name missing from both bodies is listed once overall and under each body', () => {
  const problems = checkTemplate(activation, { subject: 'Hi', bodyText: 'Welcome.', bodyHtml: '<p>Welcome.</p>' });
  assert.deepEqual(problems.missing, ['activationUrl']);
  assert.deepEqual(problems.missingByField, { bodyText: ['activationUrl'], bodyHtml: ['activationUrl'] });
});

test('spaces inside the braces do not hide a name', () => {
  const problems = checkTemplate(activation, { subject: 'Hi {{ firstName }}', bodyText: '{{  activationUrl }}', bodyHtml: null });
  assert.deepEqual([problems.unknown, problems.missing], [[], []]);
});

test('names are matched case for case: {{FirstName}} is not {{firstName}}', () => {
  const problems = checkTemplate(activation, { subject: 'Hi {{FirstName}}', bodyText: '{{activationUrl}}', bodyHtml: null });
  assert.deepEqual(problems.unknown, ['FirstName']);
});

test('an empty {{}} is reported as an unknown name', () => {
  const problems = checkTemplate(activation, { subject: 'Hi {{}}', bodyText: '{{activationUrl}}', bodyHtml: null });
  assert.deepEqual(problems.unknown, ['']);
  assert.equal(listPlaceholders(problems.unknown), '{{}}');
});

test('a required link in the subject alone does not count for the body', () => {
  const problems = checkTemplate(activation, { subject: '{{activationUrl}}', bodyText: 'Welcome.', bodyHtml: null });
  assert.deepEqual(problems.missingByField, { bodyText: ['activationUrl'] });
});

test('every link placeholder is reported when it is in the subject, and only there', () => {
  const problems = checkTemplate(activation, {
    subject: '{{firstName}}, start at {{activationUrl}} or {{ loginUrl }}',
    bodyText: '{{activationUrl}} {{loginUrl}}',
    bodyHtml: null,
  });
  assert.deepEqual(problems.linksInSubject, ['activationUrl', 'loginUrl']);
  assert.deepEqual(checkTemplate(activation, activation).linksInSubject, []);
});
