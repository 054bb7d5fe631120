package io.eipfailover.aws.testing;

import java.util.ArrayList;
import java.util.List;

/** The fake's request history. Thread-safe. */
final class CallLog {
  private final List<Ec2Call> calls = new ArrayList<>();

  synchronized void add(Ec2Call call) {
    calls.add(call);
  }

  synchronized List<Ec2Call> all() {
    return List.copyOf(calls);
  }

  synchronized void clear() {
    calls.clear();
  }
}
