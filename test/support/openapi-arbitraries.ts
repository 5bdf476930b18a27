/**
 * fast-check arbitraries read from the JSON schemas of an OpenAPI document: values a schema accepts,
 * and values it should refuse (wrong types, huge or unusual strings, missing and extra fields).
 * Only the schema keywords the app's zod → JSON schema output uses are understood; anything else
 * falls back to arbitrary JSON, which is still a fair request to send.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Strings people and scripts really send: plain words, emails, dates, unicode, control characters, SQL and path tricks. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    'null',
    'true',
    '2026-02-30',
    '2026-11-30',
    'ana@example.org',
    'ANA@EXAMPLE.ORG ',
    "O'Brien",
    'García',
    'Ⅻ',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    '👩‍👩‍👧',
    'a\u0000b',
    'line\nbreak',
    '%',
    '%00',
    '../..',
    '/',
    "'; drop table accounts; --",
    '\u{10FFFF}',
    '\uD800',
  ),
  fc.integer({ min: 1000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON value, kept small, for fields whose type is wrong on purpose. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
);

const typesOf = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

function validString(schema: JsonSchema, hints: (name?: string) => fc.Arbitrary<string> | undefined, name?: string) {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, 80);
  const hinted = hints(name);
  const plain = fc.string({ minLength: min, maxLength: Math.max(min, max) });
  const pick = hinted ? fc.oneof({ weight: 3, arbitrary: hinted }, { weight: 1, arbitrary: plain }) : plain;
  return pick.filter((s) => s.length >= min && (schema.maxLength === undefined || s.length <= schema.maxLength));
}

/**
 * A value the schema accepts (as far as JSON schema can say; business rules may still refuse it).
 * `hints` offers realistic strings by property name: real ids, emails, role keys.
 */
export function valid(
  schema: JsonSchema,
  hints: (name?: string) => fc.Arbitrary<string> | undefined,
  name?: string,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valid(s, hints, name)));
  if (schema.allOf?.length) return valid(Object.assign({}, ...schema.allOf) as JsonSchema, hints, name);
  const types = typesOf(schema);
  if (types.length === 0) return anyJson;
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return validString(schema, hints, name);
        case 'integer':
          return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
        case 'number':
          return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true });
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(schema.items ? valid(schema.items, hints, name) : anyJson, {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 4, 4),
          });
        case 'object':
          return validObject(schema, hints);
        default:
          return anyJson;
      }
    }),
  );
}

function validObject(schema: JsonSchema, hints: (name?: string) => fc.Arbitrary<string> | undefined): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  if (keys.length === 0) {
    const values = typeof schema.additionalProperties === 'object' ? valid(schema.additionalProperties, hints) : anyJson;
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), values, { maxKeys: 3 });
  }
  // Optional fields come one at a time or so: with every one filled in, some business rule almost always refuses the whole.
  const required = new Set(schema.required ?? []);
  const fields = keys.map((k) => {
    const value = valid(properties[k] as JsonSchema, hints, k);
    return required.has(k) ? value : fc.oneof({ weight: 4, arbitrary: fc.constant(absent) }, { weight: 1, arbitrary: value });
  });
  return fc.tuple(...fields).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]).filter(([, v]) => v !== absent)));
}

const absent = Symbol('absent');

/** One deliberate mistake against the schema: a wrong type, a missing required field, an extra field, an odd string. */
export function invalid(schema: JsonSchema, hints: (name?: string) => fc.Arbitrary<string> | undefined): fc.Arbitrary<unknown> {
  const whole = fc.oneof(anyJson, fc.constant({}), fc.constant([]), fc.constant(null));
  const properties = schema.properties;
  if (!properties || Object.keys(properties).length === 0) return whole;
  const keys = Object.keys(properties);
  const base = validObject(schema, hints) as fc.Arbitrary<Record<string, unknown>>;
  return fc.oneof(
    whole,
    // A field of the wrong type, or an odd string where a value is expected.
    fc.tuple(base, fc.constantFrom(...keys), fc.oneof(anyJson, oddString)).map(([body, key, value]) => ({ ...body, [key]: value })),
    // A required field missing.
    fc.tuple(base, fc.constantFrom(...(schema.required?.length ? schema.required : keys))).map(([body, key]) => {
      const copy = { ...body };
      delete copy[key];
      return copy;
    }),
    // A field the contract does not know.
    // (A computed `__proto__` key is an own property, so it is sent as a field, not a prototype.)
    fc
      .tuple(base, fc.constantFrom('__proto__', 'constructor', 'isGlobalAdmin', 'id', 'extraField', ''), anyJson)
      .map(([body, key, value]) => ({
        ...body,
        [key]: value,
      })),
  );
}

/** A query-string value for a parameter: its schema's values as text, or an odd string. */
export function queryValue(schema: JsonSchema, hints: (name?: string) => fc.Arbitrary<string> | undefined, name: string) {
  const asText = valid(schema, hints, name).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return fc.oneof({ weight: 5, arbitrary: asText }, { weight: 1, arbitrary: oddString });
}

/** A query string: often none, otherwise a few of the declared parameters (each rarely), required ones always. */
export function queryRecord(
  params: Array<{ name: string; required?: boolean; schema: JsonSchema }>,
  hints: (name?: string) => fc.Arbitrary<string> | undefined,
): fc.Arbitrary<Record<string, string>> {
  const fields = params.map((p) => {
    const value = queryValue(p.schema, hints, p.name);
    return p.required ? value : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
  });
  return fc
    .tuple(...fields)
    .map((values) =>
      Object.fromEntries(params.map((p, i) => [p.name, values[i]]).filter((e): e is [string, string] => e[1] !== undefined)),
    );
}
