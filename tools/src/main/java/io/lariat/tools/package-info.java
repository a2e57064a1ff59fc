/** The tool model: annotated Java tools, JSON Schema, binding, fault tolerance and built-in tools. */
package io.lariat.tools;
