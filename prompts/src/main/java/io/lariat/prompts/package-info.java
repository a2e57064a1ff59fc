/** The Llama 3.1 chat and tool-call format: messages, rendering and parsing. */
package io.lariat.prompts;
