/**
 * {@code eipfailover-agent status}: reads the running agent's local status endpoint and shows it
 * the way {@code cl_status} or {@code crm_mon} did, with Nagios-style exit codes. Part of the agent
 * application, not API.
 */
package io.eipfailover.examples.agent.statusclient;
