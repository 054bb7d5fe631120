package io.eipfailover.core.internal.reconciler;

/** Sentinel ticker readings of the reconciler's state. */
final class Times {
  /** "Never happened": far in the past, yet far enough from the edge that subtracting from it is safe. */
  static final long NEVER = Long.MIN_VALUE / 4;
  /** "Nothing scheduled". */
  static final long NONE = Long.MAX_VALUE;

  private Times() {}
}
