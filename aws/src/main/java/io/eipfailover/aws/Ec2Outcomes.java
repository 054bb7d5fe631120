package io.eipfailover.aws;

import io.eipfailover.aws.internal.Ec2Answers;
import io.eipfailover.aws.internal.Ec2ErrorClassifier;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Names what happened on an EC2 call as a short, stable label, for metrics and logs (the agent's
 * {@code eipfailover_ec2_errors_total{code}}), from an {@code ExecutionInterceptor} or a catch
 * block. The same rules classify the failures {@link Ec2ElasticIpManager} throws. Stateless and
 * thread-safe.
 *
 * <table>
 *   <caption>Labels</caption>
 *   <tr><th>label</th><th>when</th></tr>
 *   <tr><td>EC2's error code ({@code RequestLimitExceeded}, {@code UnauthorizedOperation}, ...)</td>
 *       <td>EC2 answered with an error</td></tr>
 *   <tr><td>{@code http_<status>} ({@code http_502})</td><td>an HTTP error without an EC2 error
 *       (a proxy's page)</td></tr>
 *   <tr><td>{@code timeout}</td><td>no answer within the call or attempt time-out</td></tr>
 *   <tr><td>{@code unparseable_answer}</td><td>an answer that is not XML</td></tr>
 *   <tr><td>{@code wrong_shape}</td><td>a 200 whose XML is not shaped like EC2's answer
 *       ({@link #ofAnswer})</td></tr>
 *   <tr><td>{@code connection_refused}, {@code unknown_host}, {@code connection_failed}</td><td>no
 *       connection, no name, a connection reset or closed</td></tr>
 *   <tr><td>{@code client}</td><td>any other client-side failure</td></tr>
 * </table>
 */
public final class Ec2Outcomes {
  /** The label of a successful call whose answer is not shaped like EC2's. */
  public static final String WRONG_SHAPE = "wrong_shape";

  private Ec2Outcomes() {}

  /** The label of a failed call. */
  public static String of(SdkException failure) {
    return Ec2ErrorClassifier.outcome(failure);
  }

  /**
   * {@link #WRONG_SHAPE} when a successful answer to a call this project makes is not shaped like
   * EC2's ({@code DescribeAddresses} without the requested addresses or with members missing, {@code
   * AssociateAddress} without an association id); empty otherwise.
   */
  public static Optional<String> ofAnswer(SdkRequest request, SdkResponse response) {
    return Ec2Answers.problem(request, response).map(p -> WRONG_SHAPE);
  }
}
