/**
 * The built-in health checks behind {@link io.eipfailover.core.HealthChecks}. Not API: may change
 * in any release; use the factories.
 */
package io.eipfailover.core.internal.health;
