/**
 * Event hooks of the agent: {@code hooks.<event> = COMMAND} runs a command on takeovers,
 * fail-backs, released EIPs, peer and local status changes, with the event as environment variables
 * and JSON on stdin, off the failover loop, under a time limit. Lives in the agent, not in the
 * library: the library spawns no processes. Part of the agent application, not API.
 */
package io.eipfailover.examples.agent.hooks;
