/**
 * Lariat's agent runtime: {@link io.lariat.agent.Agent} (built in code or from configuration) runs turns on a
 * {@link io.lariat.agent.Session} and reports them as one sealed stream of {@link io.lariat.agent.AgentEvent}s;
 * {@link io.lariat.agent.AgentRuntime} wires models, sessions and configured agents without CDI.
 */
package io.lariat.agent;
