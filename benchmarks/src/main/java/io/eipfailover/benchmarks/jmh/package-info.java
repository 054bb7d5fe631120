/**
 * JMH micro-benchmarks of the public paths (placement, one reconciler pass, heartbeats through the
 * UDP transport seam) and the programmatic {@link io.eipfailover.benchmarks.jmh.JmhRunner}. Not API.
 */
package io.eipfailover.benchmarks.jmh;
