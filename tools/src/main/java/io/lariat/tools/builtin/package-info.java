/**
 * Llama 3.1's built-in tools ({@code brave_search}, {@code wolfram_alpha}, {@code code_interpreter}) and how they
 * are backed. Entry type: {@link io.lariat.tools.builtin.Builtins}.
 */
package io.lariat.tools.builtin;
