/**
 * Rendering machinery shared by the formatters: {@link io.lariat.prompts.render.Segments} (special tokens, text and
 * replayed ids, turned into ids or text) and {@link io.lariat.prompts.render.Strftime}. Python's json.dumps is
 * {@link io.lariat.json.PythonJson}, the writer the tools module shares.
 */
package io.lariat.prompts.render;
