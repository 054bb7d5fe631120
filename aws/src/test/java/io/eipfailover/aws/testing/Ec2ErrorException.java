package io.eipfailover.aws.testing;

/**
 * An EC2 error the fake answers with: the HTTP status, the EC2 error code and its message, as
 * rendered into the {@code <Response><Errors><Error>} envelope.
 */
final class Ec2ErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  Ec2ErrorException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static Ec2ErrorException notFound(String code, String what, String id) {
    return new Ec2ErrorException(400, code, "The " + what + " '" + id + "' does not exist");
  }

  static Ec2ErrorException invalidParameter(String message) {
    return new Ec2ErrorException(400, "InvalidParameterValue", message);
  }

  static Ec2ErrorException combination(String message) {
    return new Ec2ErrorException(400, "InvalidParameterCombination", message);
  }

  static Ec2ErrorException missing(String message) {
    return new Ec2ErrorException(400, "MissingParameter", message);
  }

  /** A parameter the model has but the fake does not model. */
  static Ec2ErrorException unsupported(String parameter, String why) {
    return new Ec2ErrorException(400, "UnsupportedOperation", "The EC2 fake does not support " + parameter + ": " + why);
  }

  static Ec2ErrorException throttled() {
    return new Ec2ErrorException(503, "RequestLimitExceeded", "Request limit exceeded.");
  }
}
