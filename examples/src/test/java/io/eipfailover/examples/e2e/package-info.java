/**
 * The end-to-end suite (tests tagged {@code e2e}, run with {@code -Peip-e2e} as root): a stage of
 * network namespaces with HAProxy, agents, node.js backends, the EC2 fake and a client, and one
 * test per fault case. See {@code examples/e2e/README.md}.
 */
package io.eipfailover.examples.e2e;
