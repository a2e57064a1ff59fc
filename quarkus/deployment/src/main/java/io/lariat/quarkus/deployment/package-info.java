/**
 * Build steps of the Lariat Quarkus extension; {@link io.lariat.quarkus.deployment.LariatProcessor} is the entry
 * type. They find {@code @Tool} beans and declarative agents in the application's index and fail the build on a
 * broken declaration, naming {@code Class#method} and the rule.
 */
package io.lariat.quarkus.deployment;
