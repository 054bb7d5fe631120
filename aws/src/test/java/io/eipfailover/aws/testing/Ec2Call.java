package io.eipfailover.aws.testing;

import java.time.Instant;
import java.util.Map;

/**
 * One request the fake received, whatever its outcome (faults included), in arrival order.
 *
 * @param time when it arrived, read from the fake's clock
 * @param action the EC2 action, e.g. {@code AssociateAddress}
 * @param params every Query API parameter, sorted by name ({@code AllocationId}, {@code Filter.1.Name}, ...)
 * @param caller the access key id from the SigV4 {@code Authorization} header, or {@code "anonymous"}
 * @param status the HTTP status answered (0 for an injected connection reset)
 * @param errorCode the EC2 error code answered, or empty on success; {@code Malformed.<kind>} for an
 *     injected {@link Malformed} answer
 */
public record Ec2Call(Instant time, String action, Map<String, String> params, String caller, int status,
    String errorCode) {
  public Ec2Call {
    params = Map.copyOf(params);
  }

  /** A parameter's value, or null. */
  public String param(String name) {
    return params.get(name);
  }

  /** Whether this was a {@code DryRun=true} request. */
  public boolean dryRun() {
    return "true".equalsIgnoreCase(params.get("DryRun"));
  }

  /** Whether the fake answered 200 with the request's own answer (a {@link Malformed} 200 is not success). */
  public boolean succeeded() {
    return status == 200 && errorCode.isEmpty();
  }

  @Override
  public String toString() {
    return time + " " + caller + " " + action + (dryRun() ? "(dry-run)" : "") + " -> " + status
        + (errorCode.isEmpty() ? "" : " " + errorCode);
  }
}
