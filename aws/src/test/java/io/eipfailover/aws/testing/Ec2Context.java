package io.eipfailover.aws.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One authenticated request on its way through an action: its parameters, caller, arrival time,
 * request id, and the account-wide settings that shape the answer. Actions check parameters, then
 * ids, then call {@link #authorize} (the IAM decision), then check the state, then pass the {@link
 * #dryRunGate}, and only then change anything; so {@code DryRunOperation} always means "the real
 * call would have succeeded".
 */
final class Ec2Context {
  /** A resource an action touches, for IAM's resource-level checks. */
  record Resource(String arn, Map<String, String> tags) {}

  final QueryRequest req;
  final String caller;
  final Instant now;
  final String requestId;
  final FakeAccount account;
  final Ec2Faults faults;
  final int maxPageSize;

  Ec2Context(QueryRequest req, String caller, Instant now, String requestId, FakeAccount account, Ec2Faults faults,
      int maxPageSize) {
    this.req = req;
    this.caller = caller;
    this.now = now;
    this.requestId = requestId;
    this.account = account;
    this.faults = faults;
    this.maxPageSize = maxPageSize;
  }

  /** How long describes show the previous association after a change. */
  Duration describeLag() {
    return faults.describeLag();
  }

  /**
   * The IAM decision for the action on {@code touched}: throws {@code UnauthorizedOperation} when
   * the caller may not; returns when it may.
   */
  void authorize(List<Resource> touched) {
    Ec2ErrorException denial = faults.denial(req.action(), account, caller, touched);
    if (denial != null) {
      throw denial;
    }
  }

  /** The same, for actions that touch no particular resource (describes). */
  void authorize() {
    authorize(List.of());
  }

  /**
   * Throws {@code DryRunOperation} if the caller asked for a dry run. Call it after every check
   * the real call makes and before anything changes: reaching it means the call would succeed.
   */
  void dryRunGate() {
    if (req.flag("DryRun")) {
      throw new Ec2ErrorException(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
  }

  /** The response envelope for this request's action. */
  Xml response() {
    return Xml.response(req.action(), requestId);
  }
}
