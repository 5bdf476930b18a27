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

test('every link placeholder is reported when it is in the subject, and only there', () => {
  const problems = checkTemplate(activation, {
    subject: '{{firstName}}, start at {{activationUrl}} or {{ loginUrl }}',
    bodyText: '{{activationUrl}} {{loginUrl}}',
    bodyHtml: null,
  });
  assert.deepEqual(problems.linksInSubject, ['activationUrl', 'loginUrl']);
  assert.deepEqual(checkTemplate(activation, activation).linksInSubject, []);
});
