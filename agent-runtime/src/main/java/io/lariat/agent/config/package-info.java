/**
 * Configuration: the one {@code lariat.*} mapping, {@link io.lariat.agent.config.LariatConfig}, whose javadoc is the
 * reference for every key.
 */
package io.lariat.agent.config;
