/**
 * The example agents ({@link io.lariat.examples.ExampleAgent}): each subpackage builds one agent and documents a
 * part of the tool and agent API; {@link io.lariat.examples.LocalTools} supplies the offline built-in tools.
 */
package io.lariat.examples;
