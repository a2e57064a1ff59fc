/**
 * Context management: token accounting and the policy that keeps a conversation inside its window.
 * The entry type is {@link io.lariat.agent.context.ContextPolicy}.
 */
package io.lariat.agent.context;
