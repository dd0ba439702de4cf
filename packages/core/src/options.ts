/** A small validator for the JSON Schema subset rule options use (ESLint-compatible schemas). */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  description?: string;
  default?: unknown;
}

/** Returns the first problem as "path: expected ..., got ...", or `undefined` when valid. */
export function validate(value: unknown, schema: JsonSchema, path = 'options'): string | undefined {
  const got = describe(value);
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    return `${path}: expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${got}`;
  }
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path}: expected an object, got ${got}`;
      const props = schema.properties ?? {};
      for (const [k, v] of Object.entries(value)) {
        // Own properties only: an option named "constructor" or "toString" is unknown, not Object's.
        const sub = Object.hasOwn(props, k) ? props[k] : undefined;
        if (sub) {
          const err = validate(v, sub, `${path}.${k}`);
          if (err) return err;
        } else if (schema.additionalProperties === false) {
          const known = Object.keys(props);
          return `${path}: unknown option "${k}"${known.length ? ` (known: ${known.join(', ')})` : ''}`;
        } else if (typeof schema.additionalProperties === 'object') {
          const err = validate(v, schema.additionalProperties, `${path}.${k}`);
          if (err) return err;
        }
      }
      return undefined;
    }
    case 'array': {
      if (!Array.isArray(value)) return `${path}: expected an array, got ${got}`;
      if (schema.minItems !== undefined && value.length < schema.minItems) return `${path}: expected at least ${schema.minItems} items`;
      if (schema.items) {
        for (let i = 0; i < value.length; i++) {
          const err = validate(value[i], schema.items, `${path}[${i}]`);
          if (err) return err;
        }
      }
      return undefined;
    }
    case 'string':
      return typeof value === 'string' ? undefined : `${path}: expected a string, got ${got}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${path}: expected a boolean, got ${got}`;
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${path}: expected a number, got ${got}`;
      if (schema.type === 'integer' && !Number.isInteger(value)) return `${path}: expected an integer, got ${got}`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${path}: expected a number >= ${schema.minimum}, got ${got}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `${path}: expected a number <= ${schema.maximum}, got ${got}`;
      return undefined;
    }
    default:
      return undefined;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}
