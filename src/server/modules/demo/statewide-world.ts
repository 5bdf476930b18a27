import type { Organization } from '../../../common/schemas/organizations.ts';
import { demoPeople, type DemoPerson } from './demo-people.ts';
import type { DemoKit } from './demo-kit.ts';
import { loadStatewideTraining } from './statewide-training.ts';

/** California's 58 counties: the county guide's world is a state and its counties. */
export const counties = [
  'Alameda',
  'Alpine',
  'Amador',
  'Butte',
  'Calaveras',
  'Colusa',
  'Contra Costa',
  'Del Norte',
  'El Dorado',
  'Fresno',
  'Glenn',
  'Humboldt',
  'Imperial',
  'Inyo',
  'Kern',
  'Kings',
  'Lake',
  'Lassen',
  'Los Angeles',
  'Madera',
  'Marin',
  'Mariposa',
  'Mendocino',
  'Merced',
  'Modoc',
  'Mono',
  'Monterey',
  'Napa',
  'Nevada',
  'Orange',
  'Placer',
  'Plumas',
  'Riverside',
  'Sacramento',
  'San Benito',
  'San Bernardino',
  'San Diego',
  'San Francisco',
  'San Joaquin',
  'San Luis Obispo',
  'San Mateo',
  'Santa Barbara',
  'Santa Clara',
  'Santa Cruz',
  'Shasta',
  'Sierra',
  'Siskiyou',
  'Solano',
  'Sonoma',
  'Stanislaus',
  'Sutter',
  'Tehama',
  'Trinity',
  'Tulare',
  'Tuolumne',
  'Ventura',
  'Yolo',
  'Yuba',
];

export const statewideTenant = 'Golden State Child Welfare Training';
const world = 'Statewide training system (guide 000)';
const domain = 'gscwt.example.org';
// The affiliation the guide's template allows, word for word.
const communityPartners = 'California Community Partners';

/** The counties whose partners the demo imports: a few large ones and a small one. */
const importingCounties: Array<[string, number]> = [
  ['Los Angeles', 0.3],
  ['San Diego', 0.15],
  ['Riverside', 0.15],
  ['Sacramento', 0.15],
  ['Fresno', 0.15],
  ['Alpine', 0.1],
];

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '-');

/** One row of the guide's creation tab, in the preset's column order (blank where the guide says leave blank). */
function creationRow(person: DemoPerson, county: string): string {
  const cells = [
    person.email,
    person.lastName,
    person.firstName,
    person.email,
    '',
    'Active',
    communityPartners,
    '',
    `${county} County Community Partner`,
  ];
  return [...cells, '', '', '', '', '', '', '', ''].map(csvCell).join(',');
}

const creationHeader =
  'UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType,RTADepartment,RTAJobTitle,RTAJobCode,AreaOfAssignment,DateHire,DateTransfer,UserLevel,AssocLMSID';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A state training system: the state, its 58 counties each with an administrator, the guide's creation
 * and archival templates, and community partners imported county by county (thousands in all), then
 * a few archived through the archival template, as the guide's "leave the program" step does; then the
 * training they are enrolled in and the seat contracts they count against.
 */
export async function loadStatewide(kit: DemoKit, partners: number): Promise<Organization> {
  const state = await kit.tenant(statewideTenant, 'state');
  kit.log(`${statewideTenant}: the state and its ${counties.length} counties`);
  await kit.template(state.id, 'county-community-partners');
  await kit.template(state.id, 'county-archival');
  const stateAdmin = await kit.persona(
    world,
    state,
    { firstName: 'Dolores', lastName: 'Ybarra', email: `dolores.ybarra@${domain}`, role: 'admin' },
    'state administrator: every county, templates, imports, audit',
  );
  const byName = new Map<string, Organization>();
  for (const name of counties) {
    const county = await kit.org(state, `${name} County`, 'county');
    byName.set(name, county);
    const admin = { firstName: 'Admin', lastName: name, email: `admin.${slug(name)}@${domain}`, role: 'admin' };
    if (name === 'Riverside') {
      await kit.persona(
        world,
        county,
        { ...admin, firstName: 'Renée', lastName: 'Okafor', email: `renee.okafor@${domain}` },
        'county administrator: Riverside County only',
      );
    } else {
      await kit.account(county, admin);
    }
  }

  const actor = await kit.as(stateAdmin.id);
  for (const [name, share] of importingCounties) {
    const county = byName.get(name) as Organization;
    const people = demoPeople(Math.max(5, Math.round(partners * share)), {
      seed: name.length * 7919,
      domain: `partners.${slug(name)}.example.org`,
    });
    const file = [creationHeader, ...people.map((p) => creationRow(p, name))].join('\r\n');
    kit.log(`  importing ${people.length} community partners into ${name} County`);
    await kit.importFile(actor, county.id, 'county-community-partners', `${slug(name)}-community-partners.csv`, file);
    // Those who left the programme, archived with the guide's archival tab.
    const leaving = people.slice(0, Math.ceil(people.length / 50));
    const archival = [
      'UserID,LastName,FirstName,Email,Affiliation,EmploymentType,Status',
      ...leaving.map((p) =>
        [p.email, p.lastName, p.firstName, p.email, communityPartners, `${name} County Community Partner`, 'Archived']
          .map(csvCell)
          .join(','),
      ),
    ].join('\r\n');
    await kit.importFile(actor, county.id, 'county-archival', `${slug(name)}-leaving.csv`, archival);
  }
  kit.log('  courses, sections, a learning path, enrollments and seat contracts');
  await loadStatewideTraining(kit, state, byName, actor);
  return state;
}
