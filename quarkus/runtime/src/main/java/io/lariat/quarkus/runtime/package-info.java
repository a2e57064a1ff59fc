/**
 * Run-time side of the extension: {@link io.lariat.quarkus.runtime.AgentInterfaceRecorder} registers declarative
 * agents and implements their interfaces; {@link io.lariat.quarkus.runtime.StoredModelNames} lets
 * {@code lariat.model} name a stored model; {@link io.lariat.quarkus.runtime.ModelReadiness} and
 * {@link io.lariat.quarkus.runtime.ModelMeters} are the health check and gauges; {@link
 * io.lariat.quarkus.runtime.DevUiService} serves the Dev UI card.
 */
package io.lariat.quarkus.runtime;
