/** eip-failover membership-udp. */
package io.eipfailover.membership.udp;
