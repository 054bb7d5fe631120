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
