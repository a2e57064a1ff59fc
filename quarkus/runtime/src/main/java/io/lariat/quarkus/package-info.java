/**
 * Lariat in a Quarkus application: declare agents as interfaces with {@link io.lariat.quarkus.LariatAgent}; tools
 * are CDI beans with {@code @Tool} methods, found and checked when the application is built.
 */
package io.lariat.quarkus;
