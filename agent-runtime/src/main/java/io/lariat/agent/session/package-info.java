/**
 * Where sessions live: the {@link io.lariat.agent.session.SessionStore} interface and its in-memory implementation.
 */
package io.lariat.agent.session;
