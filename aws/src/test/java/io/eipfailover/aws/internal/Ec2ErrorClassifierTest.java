package io.eipfailover.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.ElasticIpManagerException;
import io.eipfailover.core.ElasticIpManagerException.Kind;
import java.net.ConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The rule table, row by row, on synthetic SDK exceptions. */
class Ec2ErrorClassifierTest {
  private static final Ec2ErrorClassifier.Call CALL = new Ec2ErrorClassifier.Call("AssociateAddress", "eipalloc-1 -> eni-1/10.0.0.5");

  private static Ec2Exception ec2(int status, String code) {
    return (Ec2Exception) Ec2Exception.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code.isEmpty() ? null : code).errorMessage("msg of " + code)
            .serviceName("Ec2").build())
        .build();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "403, UnauthorizedOperation, PERMISSION, ec2:AssociateAddress",
      "401, AuthFailure, PERMISSION, AuthFailure",
      "401, '', PERMISSION, AuthFailure",
      "400, InvalidAllocationID.NotFound, CONFIGURATION, eipalloc-1",
      "400, InvalidNetworkInterfaceID.NotFound, CONFIGURATION, eni-1",
      "400, InvalidAddress.NotFound, CONFIGURATION, eipalloc-1",
      "400, InvalidInstanceID.NotFound, CONFIGURATION, eipalloc-1",
      "400, InvalidParameterValue, CONFIGURATION, 10.0.0.5",
      "503, RequestLimitExceeded, THROTTLED, throttled",
      "400, Throttling, THROTTLED, throttled",
      "500, InternalError, RETRYABLE, HTTP 500",
      "503, Unavailable, RETRYABLE, HTTP 503",
      "400, Resource.AlreadyAssociated, CONFIGURATION, Resource.AlreadyAssociated",
      "400, MissingParameter, CONFIGURATION, MissingParameter",
  })
  void classifiesServiceErrors(int status, String code, Kind kind, String mentioned) {
    ElasticIpManagerException e = Ec2ErrorClassifier.classify(CALL, ec2(status, code));
    assertEquals(kind, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains(mentioned), e.getMessage());
  }

  @Test
  void timeoutsAndConnectionFailuresAreRetryable() {
    for (SdkException x : new SdkException[] {
        ApiCallTimeoutException.create(10_000), ApiCallAttemptTimeoutException.create(3_000),
        SdkClientException.create("Unable to execute HTTP request", new ConnectException("refused"))}) {
      ElasticIpManagerException e = Ec2ErrorClassifier.classify(CALL, x);
      assertEquals(Kind.RETRYABLE, e.kind(), e.getMessage());
    }
    assertTrue(Ec2ErrorClassifier.classify(CALL, ApiCallTimeoutException.create(10_000)).getMessage().contains("in time"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "503, RequestLimitExceeded, RequestLimitExceeded",
      "403, UnauthorizedOperation, UnauthorizedOperation",
      "500, InternalError, InternalError",
      "502, '', http_502",
      "404, '', http_404",
      "401, '', http_401",
  })
  void labelsServiceErrorsByCodeOrStatus(int status, String code, String label) {
    assertEquals(label, Ec2ErrorClassifier.outcome(ec2(status, code)));
  }

  @Test
  void labelsAndNamesClientSideFailures() {
    SdkException unparseable = SdkClientException.create("Unable to unmarshall response (Could not parse XML response.)",
        SdkClientException.create("Could not parse XML response.", new javax.xml.stream.XMLStreamException("prolog")));
    assertEquals("unparseable_answer", Ec2ErrorClassifier.outcome(unparseable));
    assertTrue(Ec2ErrorClassifier.classify(CALL, unparseable).getMessage().contains("could not be parsed"));
    SdkException refused = SdkClientException.create("Unable to execute HTTP request", new ConnectException("refused"));
    assertEquals("connection_refused", Ec2ErrorClassifier.outcome(refused));
    assertTrue(Ec2ErrorClassifier.classify(CALL, refused).getMessage().contains("connection refused"));
    SdkException reset = SdkClientException.create("Unable to execute HTTP request",
        new java.net.SocketException("Connection reset"));
    assertEquals("connection_failed", Ec2ErrorClassifier.outcome(reset));
    assertTrue(Ec2ErrorClassifier.classify(CALL, reset).getMessage().contains("Connection reset"));
    assertEquals("timeout", Ec2ErrorClassifier.outcome(ApiCallAttemptTimeoutException.create(3_000)));
    assertEquals("timeout", Ec2ErrorClassifier.outcome(
        SdkClientException.create("read", new java.net.SocketTimeoutException("Read timed out"))));
    assertEquals("unknown_host", Ec2ErrorClassifier.outcome(
        SdkClientException.create("resolve", new java.net.UnknownHostException("ec2.invalid"))));
    assertEquals("client", Ec2ErrorClassifier.outcome(SdkClientException.create("something else")));
    ElasticIpManagerException html = Ec2ErrorClassifier.classify(CALL, ec2(502, ""));
    assertEquals(Kind.RETRYABLE, html.kind());
    assertTrue(html.getMessage().contains("HTTP 502 and no EC2 error"), html.getMessage());
  }

  @Test
  void keepsAnInterruptVisible() {
    try {
      ElasticIpManagerException e = Ec2ErrorClassifier.classify(CALL, AbortedException.create("Thread was interrupted"));
      assertEquals(Kind.RETRYABLE, e.kind());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
