/**
 * Not API. The reconciler as a pure step function: {@link
 * io.eipfailover.core.internal.reconciler.Reconciler#step} maps an immutable {@link
 * io.eipfailover.core.internal.reconciler.ReconcilerState} and one {@link
 * io.eipfailover.core.internal.reconciler.Input} to the next state and the {@link
 * io.eipfailover.core.internal.reconciler.Effect}s to perform. Nothing in this package performs
 * I/O, reads a clock, draws a random number or keeps a mutable field; the runner in {@code
 * io.eipfailover.core.internal} does all of that. See {@code docs/reconciler.md}.
 */
package io.eipfailover.core.internal.reconciler;
