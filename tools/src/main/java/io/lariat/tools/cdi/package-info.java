/**
 * The CDI edge of the tool model: discovery of beans with {@code @Tool} methods. Entry type:
 * {@link io.lariat.tools.cdi.ToolBeans}.
 */
package io.lariat.tools.cdi;
