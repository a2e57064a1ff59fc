/**
 * Run-time side of the extension: {@link io.lariat.quarkus.runtime.AgentInterfaceRecorder} registers declarative
 * agents and implements their interfaces; {@link io.lariat.quarkus.runtime.StoredModelNames} lets
 * {@code lariat.model} name a stored model.
 */
package io.lariat.quarkus.runtime;
