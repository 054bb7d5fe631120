/**
 * The built-in failover strategies behind {@link io.eipfailover.core.FailoverStrategies}. Not API:
 * may change in any release; use the factories.
 */
package io.eipfailover.core.internal.strategy;
