package io.eipfailover.membership.jgroups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.core.AnnouncedStatus;
import io.eipfailover.core.NodeId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AnnouncementTest {
  @Test
  void roundTripsEveryStatus() {
    for (AnnouncedStatus status : AnnouncedStatus.values()) {
      Announcement a = new Announcement(NodeId.of("lb-1.eu"), status, 0x8000_0000_0000_0001L, 42);
      byte[] wire = a.encode();
      assertEquals(a, Announcement.decode(wire, 0, wire.length));
    }
  }

  @Test
  void decodesAtAnOffset() {
    byte[] wire = new Announcement(NodeId.of("n1"), AnnouncedStatus.STANDBY, -7, Long.MAX_VALUE).encode();
    byte[] padded = new byte[wire.length + 5];
    System.arraycopy(wire, 0, padded, 3, wire.length);
    assertEquals(AnnouncedStatus.STANDBY, Announcement.decode(padded, 3, wire.length).status());
  }

  @Test
  void rejectsShortForeignAndCorruptPayloads() {
    byte[] wire = new Announcement(NodeId.of("n1"), AnnouncedStatus.ALIVE, 1, 1).encode();
    assertThrows(IllegalArgumentException.class, () -> Announcement.decode(wire, 0, 5));
    byte[] badMagic = wire.clone();
    badMagic[0] = 0;
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Announcement.decode(badMagic, 0, badMagic.length))
        .getMessage().contains("magic"));
    byte[] badVersion = wire.clone();
    badVersion[2] = 9;
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Announcement.decode(badVersion, 0, badVersion.length))
        .getMessage().contains("version 9"));
    byte[] badStatus = wire.clone();
    badStatus[3] = 3;
    assertThrows(IllegalArgumentException.class, () -> Announcement.decode(badStatus, 0, badStatus.length));
    byte[] truncated = Arrays.copyOf(wire, wire.length - 1);
    assertThrows(IllegalArgumentException.class, () -> Announcement.decode(truncated, 0, truncated.length));
    byte[] badId = wire.clone();
    badId[badId.length - 1] = '!';
    assertThrows(IllegalArgumentException.class, () -> Announcement.decode(badId, 0, badId.length));
  }
}
