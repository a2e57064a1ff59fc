/** The {@code concierge} example agent; entry type {@link io.lariat.examples.concierge.ConciergeAgent}. */
package io.lariat.examples.concierge;
