/** The {@code analyst} example agent; entry type {@link io.lariat.examples.analyst.AnalystAgent}. */
package io.lariat.examples.analyst;
