package io.eipfailover.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackPortsTest {
  @TempDir Path dir;

  private LoopbackPorts.Range rangeFor(String procContent) throws Exception {
    return LoopbackPorts.Range.outsideEphemeral(Files.writeString(dir.resolve("range"), procContent));
  }

  @Test
  void portsLieBelowTheEphemeralRangeWhenThereIsRoom() throws Exception {
    assertEquals(new LoopbackPorts.Range(10_240, 176), rangeFor("32768\t60999\n"));
  }

  @Test
  void portsLieAboveTheEphemeralRangeWhenItStartsLow() throws Exception {
    assertEquals(new LoopbackPorts.Range(50_001, 121), rangeFor("1024 50000"));
  }

  @Test
  void anUnreadableRangeFileMeansTheLinuxDefault() {
    assertEquals(new LoopbackPorts.Range(10_240, 176), LoopbackPorts.Range.outsideEphemeral(dir.resolve("missing")));
  }

  @Test
  void anEphemeralRangeCoveringEverythingIsAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> rangeFor("1024 65000"));
    assertTrue(e.getMessage().startsWith("no room for test ports outside the ephemeral range 1024-65000"), e.getMessage());
  }

  @Test
  void reservedPortsAreDistinctBlocksFreeForTcpAndUdpAndOutsideTheEphemeralRange() throws Exception {
    String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
    int low = Integer.parseInt(range[0]);
    int high = Integer.parseInt(range[1]);
    Set<Integer> blocks = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      int port = LoopbackPorts.reserve();
      assertTrue(port < low || port > high, port + " is in the ephemeral range " + low + "-" + high);
      assertTrue(blocks.add(port / LoopbackPorts.BLOCK), "block of " + port + " handed out twice");
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      try (DatagramChannel udp = DatagramChannel.open().bind(address);
          ServerSocketChannel tcp = ServerSocketChannel.open().bind(address)) {
        assertTrue(udp.isOpen() && tcp.isOpen());
      }
    }
  }
}
