import type { ImportTemplate, TemplatePreset } from '../../../../common/schemas/import-templates.ts';
import { looseHeader } from '../../../../common/template-matching.ts';
import { templateColumn, type ColumnSketch } from './template-column.ts';

/**
 * Templates shaped like the guides tenants already follow, installable per tenant. Each keeps its
 * guide's column list and order, so a file prepared by the guide imports as written.
 */
export interface TemplatePresetDefinition extends TemplatePreset {
  template: ImportTemplate;
}

const communityPartners = 'California Community Partners';
/** A column guide 000 says to leave blank: accepted when empty, refused when filled (a sign of shifted data). */
const leaveBlank = (name: string): ColumnSketch => ({
  name,
  field: 'ignore',
  mustBeBlank: true,
  description: 'Leave blank.',
  example: '',
});

/** Guide 000, "Community Partner Creation Template" tab: its 17 columns in its order. */
const countyCommunityPartners: ImportTemplate = {
  key: 'county-community-partners',
  label: 'County community partners',
  description:
    'New Community Partner learner accounts, as the county guide’s creation tab lays them out. Fill the yellow columns; leave the others blank. DateHire left blank becomes the day of the import.',
  headerMode: 'lenient',
  allRequired: false,
  modes: ['create', 'upsert'],
  fixedValues: {},
  columns: (
    [
      {
        name: 'UserID',
        field: 'externalId',
        aliases: ['User ID'],
        description: 'The partner’s email address.',
        example: 'ana.lopez@partner.org',
      },
      { name: 'LastName', field: 'lastName', required: true, example: 'Lopez' },
      { name: 'FirstName', field: 'firstName', required: true, example: 'Ana' },
      {
        name: 'Email',
        field: 'email',
        required: true,
        description: 'The partner’s email address (unique).',
        example: 'ana.lopez@partner.org',
      },
      { name: 'Password', field: 'password', description: 'The temporary password, e.g. Changeme1!', example: 'Changeme1!' },
      { name: 'Status', field: 'status', allowedValues: ['Active', 'Archived'], default: 'Active', example: 'Active' },
      {
        name: 'Affiliation',
        field: 'affiliation',
        allowedValues: [communityPartners],
        default: communityPartners,
        example: communityPartners,
      },
      leaveBlank('OrganizationName'),
      {
        name: 'EmployeeType',
        field: 'employeeType',
        aliases: ['EmploymentType'],
        required: true,
        description: '<Your county> County Community Partner.',
        example: 'Riverside County Community Partner',
      },
      leaveBlank('RTADepartment'),
      leaveBlank('RTAJobTitle'),
      leaveBlank('RTAJobCode'),
      leaveBlank('AreaOfAssignment'),
      {
        name: 'DateHire',
        field: 'dateHire',
        default: 'today',
        description: 'The date the account is created; blank means the day of the import.',
        example: '',
      },
      { name: 'DateTransfer', field: 'dateTransfer', description: 'Leave blank.', example: '' },
      leaveBlank('UserLevel'),
      leaveBlank('AssocLMSID'),
    ] as ColumnSketch[]
  ).map(templateColumn),
};

/**
 * Guide 000, "Community Partner Archival Template" tab. It spells the type column EmploymentType; the
 * creation file with Status changed to Archived also fits (its other columns are ignored).
 */
const countyArchival: ImportTemplate = {
  key: 'county-archival',
  label: 'County archival',
  description:
    'Archives Community Partner accounts that exist already. Fill UserID, LastName, FirstName, Email, Affiliation and EmploymentType; Status blank means Archived. Your creation file with Status set to Archived works too.',
  headerMode: 'lenient',
  allRequired: false,
  modes: ['update'],
  fixedValues: {},
  columns: (
    [
      { name: 'UserID', field: 'externalId', aliases: ['User ID'], example: 'ana.lopez@partner.org' },
      { name: 'LastName', field: 'lastName', required: true, example: 'Lopez' },
      { name: 'FirstName', field: 'firstName', required: true, example: 'Ana' },
      { name: 'Email', field: 'email', required: true, example: 'ana.lopez@partner.org' },
      { name: 'Affiliation', field: 'affiliation', allowedValues: [communityPartners], example: communityPartners },
      { name: 'EmploymentType', field: 'employeeType', aliases: ['EmployeeType'], example: 'Riverside County Community Partner' },
      { name: 'Status', field: 'status', allowedValues: ['Active', 'Archived'], default: 'Archived', example: 'Archived' },
    ] as ColumnSketch[]
  ).map(templateColumn),
};

/** Guide 001: "don't delete, add, or change the order of the columns … All fields are required." */
const educatorsStrict: ImportTemplate = {
  key: 'educators-strict',
  label: 'Educators, strict',
  description:
    'Educator accounts for a school site. Do not delete, add or reorder the columns; every field is required. The User Role is one of Educator, Counselor—Caseload Only, Counselor or Site Admin.',
  headerMode: 'strict',
  allRequired: true,
  modes: ['create'],
  fixedValues: {},
  columns: (
    [
      { name: 'First Name', field: 'firstName', example: 'Dana' },
      { name: 'Last Name', field: 'lastName', example: 'Reyes' },
      { name: 'Email', field: 'email', example: 'dana.reyes@school.example.org' },
      {
        name: 'User Role',
        field: 'role',
        allowedValues: ['Educator', 'Counselor—Caseload Only', 'Counselor', 'Site Admin'],
        example: 'Educator',
      },
    ] as ColumnSketch[]
  ).map(templateColumn),
};

export const templatePresets: TemplatePresetDefinition[] = [countyCommunityPartners, countyArchival, educatorsStrict].map((template) => ({
  key: template.key,
  label: template.label,
  description: template.description ?? '',
  template,
}));

/** A preset by its key or its name, written loosely ("County archival", "county-archival"). */
export function findPreset(name: string): TemplatePresetDefinition | undefined {
  const wanted = looseHeader(name);
  return templatePresets.find((p) => looseHeader(p.key) === wanted || looseHeader(p.label) === wanted);
}
