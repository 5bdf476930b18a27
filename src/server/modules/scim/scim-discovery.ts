import { defaultPageSize, maxPageSize, Urn } from './scim-urns.ts';

/*
 * What this service supports, as SCIM clients discover it. Only attributes Registrar keeps are listed;
 * anything else a client sends from the core schemas (phone numbers, addresses, the manager) is accepted
 * and not stored.
 */

interface Attribute {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'default' | 'never' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: Attribute[];
  referenceTypes?: string[];
}

const attr = (name: string, description: string, more: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...more,
});

const userAttributes: Attribute[] = [
  attr('userName', 'The username people sign in with; unique in the tenant, compared case-insensitively.', {
    required: true,
    uniqueness: 'server',
  }),
  attr('name', 'The person’s name.', {
    type: 'complex',
    subAttributes: [
      attr('givenName', 'First name.', { required: true }),
      attr('familyName', 'Last name.', { required: true }),
      attr('formatted', 'First and last name together.', { mutability: 'readOnly' }),
    ],
  }),
  attr('displayName', 'First and last name together.', { mutability: 'readOnly' }),
  attr('title', 'Job title.'),
  attr('active', 'False archives the account (it cannot sign in); true reactivates it.', { type: 'boolean' }),
  attr('emails', 'The account’s one email address, unique in the tenant. Defaults to userName when that is an email.', {
    multiValued: true,
    type: 'complex',
    uniqueness: 'server',
    subAttributes: [attr('value', 'The address.'), attr('type', 'Always "work".'), attr('primary', 'Always true.', { type: 'boolean' })],
  }),
];

const enterpriseAttributes: Attribute[] = [
  attr('employeeNumber', 'Stored as the account’s external id.'),
  attr('department', 'Department.'),
  attr('organization', 'An organization in the token’s reach, by name or id: the account’s home organization.'),
  attr('division', 'Read as organization when organization is absent.'),
];

const groupAttributes: Attribute[] = [
  attr('displayName', 'The group’s name, unique within its organization.', { required: true }),
  attr('members', 'Accounts in the group; each must live in the group’s organization or below it.', {
    multiValued: true,
    type: 'complex',
    subAttributes: [
      attr('value', 'The account id.', { mutability: 'immutable', caseExact: true }),
      attr('type', 'Always "User".', { mutability: 'immutable' }),
      attr('$ref', 'Where the user is.', { type: 'reference', mutability: 'immutable', referenceTypes: ['User'] }),
    ],
  }),
];

const schemaDocument = (base: string, id: string, name: string, description: string, attributes: Attribute[]) => ({
  schemas: [Urn.schema],
  id,
  name,
  description,
  attributes,
  meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
});

export function schemaDocuments(base: string) {
  return [
    schemaDocument(base, Urn.user, 'User', 'An account.', userAttributes),
    schemaDocument(base, Urn.enterprise, 'EnterpriseUser', 'Enterprise attributes of an account.', enterpriseAttributes),
    schemaDocument(base, Urn.group, 'Group', 'A group of accounts inside one organization.', groupAttributes),
  ];
}

export function resourceTypeDocuments(base: string) {
  return [
    {
      schemas: [Urn.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'Accounts',
      schema: Urn.user,
      schemaExtensions: [{ schema: Urn.enterprise, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [Urn.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Groups of accounts',
      schema: Urn.group,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

export function serviceProviderConfig(base: string) {
  return {
    schemas: [Urn.serviceProviderConfig],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: maxPageSize },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'SCIM token',
        description: `A SCIM token from "registrar token create --scim" or the console's Settings → SCIM, sent as "Authorization: Bearer <token>". Pages hold ${defaultPageSize} resources unless count asks for more (at most ${maxPageSize}).`,
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}
