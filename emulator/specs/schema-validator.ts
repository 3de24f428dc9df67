import { COMMON_TYPES_SHIM } from './common-types-shim';
import type { SwaggerDocument, SwaggerSchema } from './swagger.types';

/** One reason a request body does not match the spec; `path` names the property (e.g. properties.schedulePolicy.scheduleRunFrequency). */
export interface ValidationIssue {
  path: string;
  message: string;
}

const LOCAL_DEFINITION = /^#\/definitions\/(.+)$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Validates request bodies against one swagger 2.0 document: local $ref, allOf, discriminator
 * polymorphism (x-ms-discriminator-value), type, enum, required, format date-time. Properties
 * marked readOnly are ignored on input, as Azure does. Unknown properties are allowed (Azure
 * ignores them). Refs into the non-vendored common-types are permissive unless shimmed.
 */
export class SchemaValidator {
  /** base definition name -> names of definitions that allOf it directly. */
  private readonly children = new Map<string, string[]>();

  /**
   * @param readOnlyIsInput true (requests): readOnly properties are ignored, as Azure ignores them
   * on input. false (checking the emulator's own responses): they are validated like the rest.
   */
  constructor(
    private readonly doc: SwaggerDocument,
    private readonly readOnlyIsInput = true,
  ) {
    for (const [name, def] of Object.entries(doc.definitions)) {
      for (const part of def.allOf ?? []) {
        const base = part.$ref ? LOCAL_DEFINITION.exec(part.$ref)?.[1] : undefined;
        if (!base) continue;
        const list = this.children.get(base) ?? [];
        list.push(name);
        this.children.set(base, list);
      }
    }
  }

  validate(schema: SwaggerSchema, value: unknown, path = ''): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    if (value === undefined || value === null) {
      issues.push({ path: path || '(body)', message: 'The request body is required.' });
      return issues;
    }
    this.check(schema, value, path, issues, true);
    return issues;
  }

  private check(schema: SwaggerSchema, value: unknown, path: string, issues: ValidationIssue[], dispatch: boolean): void {
    if (value === undefined || value === null) return;
    if (schema.$ref) {
      const local = LOCAL_DEFINITION.exec(schema.$ref)?.[1];
      if (local) {
        this.checkDefinition(local, value, path, issues, dispatch);
        return;
      }
      const shim = COMMON_TYPES_SHIM[schema.$ref.split('/').pop() ?? ''];
      if (shim) this.check(shim, value, path, issues, false);
      return;
    }
    for (const part of schema.allOf ?? []) this.check(part, value, path, issues, false);
    if (!this.checkType(schema, value, path, issues)) return;

    if (Array.isArray(value) && schema.items) {
      value.forEach((item, index) => this.check(schema.items as SwaggerSchema, item, `${path}[${index}]`, issues, true));
      return;
    }
    if (!isPlainObject(value)) return;
    for (const name of schema.required ?? []) {
      const prop = schema.properties?.[name];
      if (prop && this.isReadOnly(prop)) continue;
      if (value[name] === undefined || value[name] === null) {
        issues.push({ path: join(path, name), message: `The property '${join(path, name)}' is required.` });
      }
    }
    for (const [name, propSchema] of Object.entries(schema.properties ?? {})) {
      if (value[name] === undefined || this.isReadOnly(propSchema)) continue;
      this.check(propSchema, value[name], join(path, name), issues, true);
    }
    if (typeof schema.additionalProperties === 'object' && !schema.allOf) {
      const known = new Set(Object.keys(schema.properties ?? {}));
      for (const [name, item] of Object.entries(value)) {
        if (!known.has(name)) this.check(schema.additionalProperties, item, join(path, name), issues, true);
      }
    }
  }

  private checkDefinition(name: string, value: unknown, path: string, issues: ValidationIssue[], dispatch: boolean): void {
    const def = this.doc.definitions[name];
    if (!def) return;
    if (dispatch && isPlainObject(value)) {
      const discriminator = this.discriminatorOf(name);
      const discriminatorValue = discriminator ? value[discriminator] : undefined;
      if (discriminator && typeof discriminatorValue === 'string') {
        const target = this.findSubtype(name, discriminatorValue);
        if (!target) {
          const at = join(path, discriminator);
          issues.push({ path: at, message: `The value '${discriminatorValue}' of '${at}' is not a known type of ${name}.` });
          return;
        }
        if (target !== name) {
          this.checkDefinition(target, value, path, issues, false);
          return;
        }
      }
    }
    this.check(def, value, path, issues, false);
  }

  /** The discriminator property of a definition or of the nearest ancestor that declares one. */
  private discriminatorOf(name: string, seen = new Set<string>()): string | undefined {
    if (seen.has(name)) return undefined;
    seen.add(name);
    const def = this.doc.definitions[name];
    if (!def) return undefined;
    if (def.discriminator) return def.discriminator;
    for (const part of def.allOf ?? []) {
      const base = part.$ref ? LOCAL_DEFINITION.exec(part.$ref)?.[1] : undefined;
      const found = base ? this.discriminatorOf(base, seen) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** `name` itself or a descendant whose discriminator value is `wanted` (case-insensitive, as .NET deserialises). */
  private findSubtype(name: string, wanted: string): string | undefined {
    const queue = [name];
    const seen = new Set<string>();
    const target = wanted.toLowerCase();
    while (queue.length > 0) {
      const current = queue.shift() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      const def = this.doc.definitions[current];
      const value = def?.['x-ms-discriminator-value'] ?? current;
      if (value.toLowerCase() === target) return current;
      queue.push(...(this.children.get(current) ?? []));
    }
    return undefined;
  }

  private isReadOnly(schema: SwaggerSchema): boolean {
    if (!this.readOnlyIsInput) return false;
    if (schema.readOnly) return true;
    const local = schema.$ref ? LOCAL_DEFINITION.exec(schema.$ref)?.[1] : undefined;
    return local ? this.doc.definitions[local]?.readOnly === true : false;
  }

  /** Returns false when the value has the wrong type (and records why), so deeper checks are skipped. */
  private checkType(schema: SwaggerSchema, value: unknown, path: string, issues: ValidationIssue[]): boolean {
    const at = path || '(body)';
    const type = schema.type ?? (schema.properties ? 'object' : undefined);
    const fail = (expected: string): false => {
      issues.push({ path: at, message: `The value of '${at}' must be ${expected}; got ${describe(value)}.` });
      return false;
    };
    switch (type) {
      case 'object':
        if (!isPlainObject(value)) return fail('an object');
        break;
      case 'array':
        if (!Array.isArray(value)) return fail('an array');
        break;
      case 'string':
        if (typeof value !== 'string') return fail('a string');
        if (schema.format === 'date-time' && (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) {
          return fail('a date-time in ISO 8601 format');
        }
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return fail('an integer');
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) return fail('a number');
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return fail('a boolean');
        break;
      default:
        break;
    }
    if (schema.enum && typeof value === 'string') {
      const allowed = schema.enum.filter((v): v is string => typeof v === 'string');
      if (!allowed.some((v) => v.toLowerCase() === value.toLowerCase())) {
        issues.push({ path: at, message: `The value '${value}' is not valid for '${at}'. Allowed values: ${allowed.join(', ')}.` });
        return false;
      }
    }
    return true;
  }
}

const validators = new WeakMap<SwaggerDocument, SchemaValidator>();
const responseValidators = new WeakMap<SwaggerDocument, SchemaValidator>();

/** One request validator per spec document, built on first use. */
export function validatorFor(doc: SwaggerDocument): SchemaValidator {
  let validator = validators.get(doc);
  if (!validator) {
    validator = new SchemaValidator(doc);
    validators.set(doc, validator);
  }
  return validator;
}

/** A validator for response bodies (readOnly properties checked too). */
export function responseValidatorFor(doc: SwaggerDocument): SchemaValidator {
  let validator = responseValidators.get(doc);
  if (!validator) {
    validator = new SchemaValidator(doc, false);
    responseValidators.set(doc, validator);
  }
  return validator;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
