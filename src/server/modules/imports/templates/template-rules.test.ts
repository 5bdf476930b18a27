import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../platform/errors.ts';
import { defaultAccountsTemplate } from './default-template.ts';
import { templatePresets } from './presets.ts';
import { checkTemplateDefinition } from './template-rules.ts';

test('the built-in template and every preset meet the rules a tenant’s own template must meet', () => {
  for (const template of [defaultAccountsTemplate, ...templatePresets.map((p) => p.template)]) {
    assert.doesNotThrow(() => checkTemplateDefinition(template), template.key);
  }
});

test('the presets keep their guides’ column lists in order', () => {
  const byKey = Object.fromEntries(templatePresets.map((p) => [p.key, p.template.columns.map((c) => c.name)]));
  assert.equal(byKey['county-community-partners']?.length, 17);
  assert.deepEqual(byKey['county-archival']?.slice(0, 6), ['UserID', 'LastName', 'FirstName', 'Email', 'Affiliation', 'EmploymentType']);
  assert.deepEqual(byKey['educators-strict'], ['First Name', 'Last Name', 'Email', 'User Role']);
});

test('a date default must be "today" or a date', () => {
  const template = {
    ...defaultAccountsTemplate,
    columns: defaultAccountsTemplate.columns.map((c) => (c.field === 'dateHire' ? { ...c, default: 'next week' } : c)),
  };
  assert.throws(
    () => checkTemplateDefinition(template),
    (error: unknown) => error instanceof AppError && /"today" or a date/.test(error.message),
  );
});
