/**
 * Checking parsed calls against the declared tools: {@link io.lariat.prompts.validate.ToolCallValidator} returns a
 * {@link io.lariat.prompts.validate.CallValidation} with coerced arguments or problems that name a JSON path.
 */
package io.lariat.prompts.validate;
