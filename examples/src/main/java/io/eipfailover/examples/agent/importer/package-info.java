/**
 * {@code eipfailover-agent import heartbeat|keepalived}: reads an existing Linux-HA Heartbeat
 * ({@code ha.cf}, {@code haresources}, {@code authkeys}, resource scripts) or keepalived
 * ({@code keepalived.conf}, notify and track scripts) configuration and writes the equivalent
 * agent configuration, listing every input line it did not map and why. Part of the agent
 * application, not API.
 */
package io.eipfailover.examples.agent.importer;
