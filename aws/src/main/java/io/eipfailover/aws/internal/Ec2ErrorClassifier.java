package io.eipfailover.aws.internal;

import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an SDK exception into an {@link ElasticIpManagerException} by an ordered rule table on the
 * EC2 error code (then the HTTP status, then the exception type); the first matching rule wins. The
 * message names the IAM action or the resource so an operator can act on it without the SDK's
 * stack trace. Not API. Thread-safe (stateless).
 */
public final class Ec2ErrorClassifier {
  /** What was being attempted, for the message: {@code action} is the EC2 action name. */
  public record Call(String action, String resources) {}

  private interface Message {
    String text(Call call, SdkException e);
  }

  private record Rule(String name, Predicate<SdkException> matches, Kind kind, Message message) {}

  private static final Set<String> THROTTLING = Set.of(
      "RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled", "TooManyRequestsException");

  private static final List<Rule> RULES = List.of(
      new Rule("unauthorized", code("UnauthorizedOperation"), Kind.PERMISSION, (c, e) ->
          "missing IAM permission ec2:" + c.action() + " (on " + c.resources() + "); grant it to the instance role,"
              + " see io/eipfailover/aws/iam-policy.json: " + ec2Message(e)),
      new Rule("auth-failure", code("AuthFailure").or(status(401)), Kind.PERMISSION, (c, e) ->
          "EC2 rejected the credentials (AuthFailure) calling ec2:" + c.action() + "; check the instance role or"
              + " the credentials chain and the clock: " + ec2Message(e)),
      new Rule("allocation-not-found", code("InvalidAllocationID.NotFound"), Kind.CONFIGURATION, (c, e) ->
          "Elastic IP allocation id not found (" + c.resources() + "); check the topology and the Region: "
              + ec2Message(e)),
      new Rule("eni-not-found", code("InvalidNetworkInterfaceID.NotFound"), Kind.CONFIGURATION, (c, e) ->
          "network interface not found (" + c.resources() + "); check the ENI id and the Region: " + ec2Message(e)),
      new Rule("address-not-found", code("InvalidAddress.NotFound"), Kind.CONFIGURATION, (c, e) ->
          "Elastic IP address not found (" + c.resources() + "): " + ec2Message(e)),
      new Rule("instance-not-found", code("InvalidInstanceID.NotFound"), Kind.CONFIGURATION, (c, e) ->
          "instance not found (" + c.resources() + "): " + ec2Message(e)),
      new Rule("invalid-parameter", code("InvalidParameterValue"), Kind.CONFIGURATION, (c, e) ->
          "EC2 rejected " + c.action() + " for " + c.resources() + " (is the private IP assigned to that ENI?): "
              + ec2Message(e)),
      new Rule("throttled", e -> THROTTLING.contains(errorCode(e)), Kind.THROTTLED, (c, e) ->
          "EC2 throttled " + c.action() + " (" + c.resources() + "); the account's request budget is shared: "
              + ec2Message(e)),
      new Rule("server-error", e -> statusOf(e) >= 500, Kind.RETRYABLE, (c, e) ->
          "EC2 failed " + c.action() + " with HTTP " + statusOf(e) + " (" + c.resources() + "): " + ec2Message(e)),
      new Rule("timeout", e -> e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException,
          Kind.RETRYABLE, (c, e) -> "EC2 did not answer " + c.action() + " in time (" + c.resources() + "): "
              + e.getMessage()),
      new Rule("client", e -> e instanceof SdkClientException, Kind.RETRYABLE, (c, e) ->
          "could not reach EC2 for " + c.action() + " (" + c.resources() + "): " + e.getMessage()),
      new Rule("other-4xx", e -> statusOf(e) >= 400, Kind.CONFIGURATION, (c, e) ->
          "EC2 rejected " + c.action() + " for " + c.resources() + ": " + ec2Message(e)));

  private Ec2ErrorClassifier() {}

  /** Classifies {@code e}; anything no rule matches is {@link Kind#RETRYABLE}. */
  public static ElasticIpManagerException classify(Call call, SdkException e) {
    if (e instanceof AbortedException || causedByInterrupt(e)) {
      // The SDK turns an interrupt into an exception; keep the interrupt visible to our caller.
      Thread.currentThread().interrupt();
    }
    for (Rule r : RULES) {
      if (r.matches().test(e)) {
        return new ElasticIpManagerException(r.kind(), r.message().text(call, e), e);
      }
    }
    return new ElasticIpManagerException(Kind.RETRYABLE, call.action() + " failed (" + call.resources() + "): "
        + e.getMessage(), e);
  }

  /** The EC2 error code, or "" when there is none (client-side failure, or a body-less answer). */
  public static String errorCode(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorCode() != null) {
      return s.awsErrorDetails().errorCode();
    }
    return "";
  }

  private static boolean causedByInterrupt(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof InterruptedException || c instanceof java.io.InterruptedIOException
          && !(c instanceof java.net.SocketTimeoutException)) {
        return true;
      }
    }
    return false;
  }

  private static int statusOf(SdkException e) {
    return e instanceof AwsServiceException s ? s.statusCode() : 0;
  }

  private static Predicate<SdkException> code(String code) {
    return e -> code.equals(errorCode(e));
  }

  private static Predicate<SdkException> status(int status) {
    return e -> statusOf(e) == status;
  }

  private static String ec2Message(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = s.awsErrorDetails().errorCode();
      String msg = s.awsErrorDetails().errorMessage();
      return (code == null ? "HTTP " + s.statusCode() : code) + (msg == null ? "" : " - " + msg);
    }
    return String.valueOf(e.getMessage());
  }
}
