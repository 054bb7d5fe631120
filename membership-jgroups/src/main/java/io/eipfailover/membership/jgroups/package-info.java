/** eip-failover membership-jgroups. */
package io.eipfailover.membership.jgroups;
