/** Implementation classes of eip-failover core. Not API: may change in any release. */
package io.eipfailover.core.internal;
