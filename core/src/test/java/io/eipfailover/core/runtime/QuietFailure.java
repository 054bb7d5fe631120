package io.eipfailover.core.runtime;

/**
 * A deliberate failure for tests of failure handling: no stack trace, so the one log line the code
 * under test writes for it stays one line in the build output.
 */
final class QuietFailure extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  QuietFailure(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
