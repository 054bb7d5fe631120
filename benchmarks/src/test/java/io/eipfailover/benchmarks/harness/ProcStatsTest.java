package io.eipfailover.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatsTest {
  @Test
  void cpuTicksAreUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 123 45 6 7 20 0 26 0 99 0 0";
    assertEquals(168, ProcStats.cpuTicks(stat));
  }

  @Test
  void keyValueFieldsAreReadByKey() {
    String status = "Name:\tjava\nThreads:\t26\nVmRSS:\t  134212 kB\n";
    assertEquals(134212, ProcStats.field(status, "VmRSS:"));
    assertEquals(26, ProcStats.field(status, "Threads:"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcStats.field(status, "Pss:"));
    assertTrue(e.getMessage().contains("no 'Pss:' line"), e.getMessage());
  }

  @Test
  void aLiveProcessHasMemoryAndThreadsAndAGoneOneCountsAsNothing() {
    ProcStats.Snapshot self = ProcStats.of(List.of(ProcessHandle.current().pid(), Long.MAX_VALUE));
    assertEquals(1, self.processes(), "the impossible pid is skipped");
    assertTrue(self.rssKb() > 1024 && self.pssKb() > 0 && self.threads() >= 1, self.toString());
  }
}
