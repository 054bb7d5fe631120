package io.eipfailover.examples.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's result lines ({@code R <startMs> <target> ok|fail <latencyMs> <detail>}, see
 * {@code examples/e2e/client.js}) and what they say: failures, and the client-visible outage per
 * target, the time from the start of the first failed request of a run of failures to the start of
 * the next successful request (a run still failing at the end of the window counts until then).
 * Immutable.
 */
final class ClientLog {
  /** One request. */
  record Request(long startMillis, String target, boolean ok, long latencyMillis, String detail) {}

  /** What one target saw in a window. */
  record Outage(String target, int total, int failed, long outageMillis, long longestMillis, boolean recovered,
      Map<String, Integer> servedBy, List<String> failures) {}

  private final List<Request> requests;

  private ClientLog(List<Request> requests) {
    this.requests = requests;
  }

  static ClientLog parse(String text) {
    List<Request> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split(" ", 6);
      if (f.length == 6 && f[0].equals("R")) {
        out.add(new Request(Long.parseLong(f[1]), f[2], f[3].equals("ok"), Long.parseLong(f[4]), f[5]));
      }
    }
    out.sort(Comparator.comparingLong(Request::startMillis));
    return new ClientLog(List.copyOf(out));
  }

  List<Request> requests() {
    return requests;
  }

  /** The outage of {@code target} among requests started in [{@code from}, {@code to}). */
  Outage outage(String target, long from, long to) {
    int total = 0;
    int failed = 0;
    long outage = 0;
    long longest = 0;
    long openSince = -1;
    Map<String, Integer> servedBy = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Request r : requests) {
      if (!r.target().equals(target) || r.startMillis() < from || r.startMillis() >= to) {
        continue;
      }
      total++;
      if (r.ok()) {
        servedBy.merge(r.detail().split("/")[0], 1, Integer::sum);
        if (openSince >= 0) {
          long d = r.startMillis() - openSince;
          outage += d;
          longest = Math.max(longest, d);
          openSince = -1;
        }
      } else {
        failed++;
        if (failures.size() < 20) {
          failures.add(r.startMillis() + " " + r.detail() + " after " + r.latencyMillis() + " ms");
        }
        if (openSince < 0) {
          openSince = r.startMillis();
        }
      }
    }
    boolean recovered = openSince < 0;
    if (!recovered) {
      long d = to - openSince;
      outage += d;
      longest = Math.max(longest, d);
    }
    return new Outage(target, total, failed, outage, longest, recovered, servedBy, failures);
  }

  /** Requests to {@code target} started at or after {@code from} that failed. */
  long failuresSince(String target, long from) {
    return requests.stream().filter(r -> r.target().equals(target) && r.startMillis() >= from && !r.ok()).count();
  }
}
