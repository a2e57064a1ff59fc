/**
 * The tool model: annotate a method with {@link io.lariat.tools.Tool}, register its object in a
 * {@link io.lariat.tools.ToolRegistry}, and the model can call it safely (JSON Schema, argument binding, fault
 * tolerance, output caps). Entry type: {@link io.lariat.tools.ToolRegistry}.
 */
package io.lariat.tools;
