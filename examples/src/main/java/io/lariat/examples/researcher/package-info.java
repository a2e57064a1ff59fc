/** The {@code researcher} example agent; entry type {@link io.lariat.examples.researcher.ResearcherAgent}. */
package io.lariat.examples.researcher;
