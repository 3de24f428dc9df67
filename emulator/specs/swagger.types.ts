/** The subset of Swagger 2.0 the emulator reads (validation and routing). */
export interface SwaggerSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, SwaggerSchema>;
  additionalProperties?: boolean | SwaggerSchema;
  items?: SwaggerSchema;
  allOf?: SwaggerSchema[];
  discriminator?: string;
  readOnly?: boolean;
  minimum?: number;
  maximum?: number;
  'x-ms-discriminator-value'?: string;
}

export interface SwaggerParameter {
  name?: string;
  in?: string;
  required?: boolean;
  schema?: SwaggerSchema;
  $ref?: string;
}

export interface SwaggerOperation {
  operationId: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, unknown>;
}

export interface SwaggerDocument {
  paths: Record<string, Record<string, SwaggerOperation | SwaggerParameter[]>>;
  definitions: Record<string, SwaggerSchema>;
  parameters?: Record<string, SwaggerParameter>;
}
