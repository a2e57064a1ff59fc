/**
 * Model backends behind one interface, {@link io.lariat.agent.backend.ModelBackend}: the embedded engine, a remote
 * OpenAI-compatible server, and a scripted replay for tests; plus the {@link io.lariat.agent.backend.ModelRegistry}
 * that resolves model references.
 */
package io.lariat.agent.backend;
