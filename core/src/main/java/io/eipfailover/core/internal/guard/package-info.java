/**
 * The built-in split-brain guards behind {@link io.eipfailover.core.SplitBrainGuards}. Not API: may
 * change in any release; use the factories.
 */
package io.eipfailover.core.internal.guard;
