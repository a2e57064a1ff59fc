/** JSON Schema generated from Java types. Entry type: {@link io.lariat.tools.schema.JsonSchemas}. */
package io.lariat.tools.schema;
