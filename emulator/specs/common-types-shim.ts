import type { SwaggerSchema } from './swagger.types';

/**
 * The specs $ref Azure's shared "common-types" files, which are not vendored. References to
 * them are permissive (anything validates), except the few below whose input rules matter to
 * the operations the emulator validates: a tracked resource (vault PUT) must carry a location.
 * Keyed by the definition name at the end of the $ref.
 */
export const COMMON_TYPES_SHIM: Record<string, SwaggerSchema> = {
  TrackedResource: {
    type: 'object',
    required: ['location'],
    properties: {
      id: { type: 'string', readOnly: true },
      name: { type: 'string', readOnly: true },
      type: { type: 'string', readOnly: true },
      location: { type: 'string' },
      tags: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
};
