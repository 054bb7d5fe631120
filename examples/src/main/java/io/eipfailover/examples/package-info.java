/** eip-failover examples. */
package io.eipfailover.examples;
