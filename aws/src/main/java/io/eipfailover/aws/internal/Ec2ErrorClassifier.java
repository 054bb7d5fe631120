package io.eipfailover.aws.internal;

import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
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
 * EC2 error code, then the HTTP status, then what the client saw (time-out, connection refused or
 * reset, an answer it could not parse); the first matching rule wins. Each rule has an {@link
 * #outcome} label for metrics ({@code RequestLimitExceeded}, {@code http_502}, {@code timeout},
 * ...) and a message that names what happened and the IAM action or resource, so an operator can
 * act on it without the SDK's stack trace. Not API. Thread-safe (stateless).
 */
public final class Ec2ErrorClassifier {
  /** What was being attempted, for the message: {@code action} is the EC2 action name. */
  public record Call(String action, String resources) {}

  private interface Message {
    String text(Call call, SdkException e);
  }

  private interface Label {
    String of(SdkException e);
  }

  private record Rule(Label outcome, Predicate<SdkException> matches, Kind kind, Message message) {}

  private static final Set<String> THROTTLING = Set.of(
      "RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled", "TooManyRequestsException");
  private static final Label CODE = Ec2ErrorClassifier::errorCode;

  private static final List<Rule> RULES = List.of(
      new Rule(CODE, code("UnauthorizedOperation"), Kind.PERMISSION, (c, e) ->
          "missing IAM permission ec2:" + c.action() + " (on " + c.resources() + "); grant it to the instance role,"
              + " see io/eipfailover/aws/iam-policy.json: " + ec2Message(e)),
      new Rule(e -> errorCode(e).isEmpty() ? "http_401" : errorCode(e), code("AuthFailure").or(status(401)),
          Kind.PERMISSION, (c, e) -> "EC2 rejected the credentials (AuthFailure) calling ec2:" + c.action()
              + "; check the instance role or the credentials chain and the clock: " + ec2Message(e)),
      new Rule(CODE, code("InvalidAllocationID.NotFound"), Kind.CONFIGURATION, (c, e) ->
          "Elastic IP allocation id not found (" + c.resources() + "); check the topology and the Region: "
              + ec2Message(e)),
      new Rule(CODE, code("InvalidNetworkInterfaceID.NotFound"), Kind.CONFIGURATION, (c, e) ->
          "network interface not found (" + c.resources() + "); check the ENI id and the Region: " + ec2Message(e)),
      new Rule(CODE, code("InvalidAddress.NotFound"), Kind.CONFIGURATION, (c, e) ->
          "Elastic IP address not found (" + c.resources() + "): " + ec2Message(e)),
      new Rule(CODE, code("InvalidInstanceID.NotFound"), Kind.CONFIGURATION, (c, e) ->
          "instance not found (" + c.resources() + "): " + ec2Message(e)),
      new Rule(CODE, code("InvalidParameterValue"), Kind.CONFIGURATION, (c, e) ->
          "EC2 rejected " + c.action() + " for " + c.resources() + " (is the private IP assigned to that ENI?): "
              + ec2Message(e)),
      new Rule(CODE, e -> THROTTLING.contains(errorCode(e)), Kind.THROTTLED, (c, e) ->
          "EC2 throttled " + c.action() + " (" + c.resources() + "); the account's request budget is shared: "
              + ec2Message(e)),
      new Rule(e -> "http_" + statusOf(e), e -> statusOf(e) > 0 && errorCode(e).isEmpty(), Kind.RETRYABLE, (c, e) ->
          "the EC2 endpoint answered " + c.action() + " with HTTP " + statusOf(e) + " and no EC2 error (" + c.resources()
              + "): not EC2's answer; a proxy or load balancer in front of the endpoint?"),
      new Rule(CODE, e -> statusOf(e) >= 500, Kind.RETRYABLE, (c, e) ->
          "EC2 failed " + c.action() + " with HTTP " + statusOf(e) + " (" + c.resources() + "): " + ec2Message(e)),
      new Rule(e -> "timeout", e -> e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
          || causedBy(e, SocketTimeoutException.class), Kind.RETRYABLE, (c, e) ->
          "EC2 did not answer " + c.action() + " in time (" + c.resources() + "): " + e.getMessage()),
      new Rule(e -> "unparseable_answer", e -> causedByClassNamed(e, "javax.xml.stream.XMLStreamException")
          || String.valueOf(e.getMessage()).startsWith("Unable to unmarshall"), Kind.RETRYABLE, (c, e) ->
          "EC2's answer to " + c.action() + " could not be parsed (" + c.resources() + "): not EC2's XML; a proxy,"
              + " a truncated answer? " + e.getMessage()),
      new Rule(e -> "connection_refused", e -> causedBy(e, ConnectException.class), Kind.RETRYABLE, (c, e) ->
          "could not connect to the EC2 endpoint for " + c.action() + " (" + c.resources() + "): connection refused;"
              + " check ec2.endpoint, the route and any proxy: " + e.getMessage()),
      new Rule(e -> "unknown_host", e -> causedBy(e, UnknownHostException.class), Kind.RETRYABLE, (c, e) ->
          "the EC2 endpoint's name does not resolve, calling " + c.action() + " (" + c.resources() + "): "
              + e.getMessage()),
      new Rule(e -> "connection_failed", e -> causedBy(e, IOException.class), Kind.RETRYABLE, (c, e) ->
          "the connection to EC2 failed during " + c.action() + " (" + c.resources() + "): " + rootMessage(e)),
      new Rule(e -> "client", e -> e instanceof SdkClientException, Kind.RETRYABLE, (c, e) ->
          "could not complete " + c.action() + " (" + c.resources() + "): " + e.getMessage()),
      new Rule(CODE, e -> statusOf(e) >= 400, Kind.CONFIGURATION, (c, e) ->
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

  /**
   * A short, stable label of what happened, for metrics: EC2's error code when it gave one
   * ({@code RequestLimitExceeded}, {@code UnauthorizedOperation}, ...); otherwise {@code http_<status>}
   * for an HTTP error without an EC2 error, {@code timeout}, {@code unparseable_answer}, {@code
   * connection_refused}, {@code unknown_host}, {@code connection_failed} (reset, closed), {@code
   * client}. Lower case for ours, so they never read as EC2's own codes.
   */
  public static String outcome(SdkException e) {
    for (Rule r : RULES) {
      if (r.matches().test(e)) {
        return r.outcome().of(e);
      }
    }
    return errorCode(e).isEmpty() ? "client" : errorCode(e);
  }

  /** The EC2 error code, or "" when there is none (client-side failure, or a body-less answer). */
  public static String errorCode(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorCode() != null) {
      return s.awsErrorDetails().errorCode();
    }
    return "";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** By name: the XML parser's exception lives in a module this one need not read. */
  private static boolean causedByClassNamed(Throwable e, String className) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c.getClass().getName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
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
