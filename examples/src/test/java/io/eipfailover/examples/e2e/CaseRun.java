package io.eipfailover.examples.e2e;

import io.eipfailover.aws.testing.Ec2Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fault case on a running {@link Stage}: starts the client and clears the EC2 call log at
 * {@link #begin}, and at {@link #finish} measures what the issue asks for (moves per EIP, the
 * client-visible outage per EIP, failed requests, EC2 calls by action), prints it and adds it to
 * the {@link Summary}. Marks split the window into phases (e.g. "fail-back") measured separately.
 */
final class CaseRun {
  /** What a case measured. */
  record Result(String name, int movesEip1, int movesEip2, ClientLog.Outage eip1, ClientLog.Outage eip2,
      Map<String, String> ec2Calls, int associateOkEip1, int associateOkEip2, String notes, ClientLog log,
      List<DataPlane.Move> moves) {
    int failed() {
      return eip1.failed() + eip2.failed();
    }

    int total() {
      return eip1.total() + eip2.total();
    }

    @Override
    public String toString() {
      return String.format("[e2e] case %s: moves EIP1=%d EIP2=%d (AssociateAddress ok EIP1=%d EIP2=%d);"
          + " outage EIP1=%d ms (longest %d) EIP2=%d ms (longest %d); failed requests %d of %d; EC2 calls %s; %s%n"
          + "      EIP1 served by %s, EIP2 served by %s; moves %s; first failures EIP1 %s EIP2 %s",
          name, movesEip1, movesEip2, associateOkEip1, associateOkEip2, eip1.outageMillis(), eip1.longestMillis(),
          eip2.outageMillis(), eip2.longestMillis(), failed(), total(), ec2Calls, notes, eip1.servedBy(),
          eip2.servedBy(), moves, eip1.failures(), eip2.failures());
    }
  }

  private final Stage stage;
  private final String name;
  private final long start;

  private CaseRun(Stage stage, String name, long start) {
    this.stage = stage;
    this.name = name;
    this.start = start;
  }

  /** Clears the call log, starts the client and waits until both EIPs answer. */
  static CaseRun begin(Stage stage, String name, int maxSeconds) throws Exception {
    stage.fake.clearCalls();
    stage.startClient(25, 1000, maxSeconds);
    stage.awaitOk("the client's first answers from both EIPs", java.time.Duration.ofSeconds(10), () -> {
      ClientLog l = stage.clientSoFar();
      return l.requests().stream().anyMatch(r -> r.ok() && r.target().equals(Stage.PUBLIC_IPS.get(Stage.EIP1)))
          && l.requests().stream().anyMatch(r -> r.ok() && r.target().equals(Stage.PUBLIC_IPS.get(Stage.EIP2)));
    });
    // Let the agents' JVMs warm up a little (a cold JVM's first stall trips the local-pause guard).
    Sh.sleep(2000);
    return new CaseRun(stage, name, System.currentTimeMillis());
  }

  long start() {
    return start;
  }

  /** Stops the client and measures the whole case window. */
  Result finish(String notes) throws Exception {
    long end = System.currentTimeMillis();
    ClientLog log = stage.stopClient();
    List<DataPlane.Move> moves = new ArrayList<>();
    for (DataPlane.Move m : stage.dataPlane().moves()) {
      if (m.atMillis() >= start) {
        moves.add(m);
      }
    }
    Map<String, int[]> byAction = new TreeMap<>();
    int ok1 = 0;
    int ok2 = 0;
    for (Ec2Call c : stage.fake.calls()) {
      int[] n = byAction.computeIfAbsent(c.action() + (c.dryRun() ? "(dry-run)" : ""), k -> new int[2]);
      n[0]++;
      if (!c.succeeded() && !c.dryRun()) {
        n[1]++;
      }
      if (c.action().equals("AssociateAddress") && c.succeeded()) {
        if (Stage.EIP1.equals(c.param("AllocationId"))) {
          ok1++;
        } else if (Stage.EIP2.equals(c.param("AllocationId"))) {
          ok2++;
        }
      }
    }
    Map<String, String> calls = new TreeMap<>();
    byAction.forEach((k, v) -> calls.put(k, v[0] + (v[1] > 0 ? " (" + v[1] + " failed)" : "")));
    Result r = new Result(name,
        (int) moves.stream().filter(m -> m.allocationId().equals(Stage.EIP1)).count(),
        (int) moves.stream().filter(m -> m.allocationId().equals(Stage.EIP2)).count(),
        log.outage(Stage.PUBLIC_IPS.get(Stage.EIP1), start, end),
        log.outage(Stage.PUBLIC_IPS.get(Stage.EIP2), start, end),
        calls, ok1, ok2, notes, log, List.copyOf(moves));
    System.out.println(r);
    Summary.add(r);
    return r;
  }
}
