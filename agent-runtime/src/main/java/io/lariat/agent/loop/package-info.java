/**
 * The agent loop (spec §11): generate, parse, run the tools, append the results, repeat. The entry type is
 * {@link io.lariat.agent.loop.AgentLoop}.
 */
package io.lariat.agent.loop;
