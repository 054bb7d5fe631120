/** eip-failover aws. */
package io.eipfailover.aws;
