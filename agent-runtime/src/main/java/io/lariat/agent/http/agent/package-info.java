/**
 * Wire records of Lariat's own agent API ({@code /agents/...}) and {@link io.lariat.agent.http.agent.AgentStream},
 * the exhaustive mapping of {@link io.lariat.agent.AgentEvent}s onto named SSE events and the one-object result.
 */
package io.lariat.agent.http.agent;
