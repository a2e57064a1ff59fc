/**
 * Jackson binding of model-written arguments with coercion and JSON-path error messages, and the compact JSON
 * writer for results. Entry type: {@link io.lariat.tools.binding.ValueBinder}.
 */
package io.lariat.tools.binding;
