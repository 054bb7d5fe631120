/** eip-failover benchmarks. */
package io.eipfailover.benchmarks;
