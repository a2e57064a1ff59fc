/**
 * Rendering machinery shared by the formatters: {@link io.lariat.prompts.render.Segments} (special tokens, text and
 * replayed ids, turned into ids or text), {@link io.lariat.prompts.render.PythonJson} (Python's json.dumps) and
 * {@link io.lariat.prompts.render.Strftime}.
 */
package io.lariat.prompts.render;
