package io.eipfailover.membership.udp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
  @Property(tries = 500)
  void agreesWithTheJdkMacForAnyKeyAndMessage(@ForAll @Size(min = 1, max = 200) byte[] key,
      @ForAll @Size(max = 300) byte[] message) throws Exception {
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected = jdk.doFinal(message);
    byte[] actual = new byte[40];
    HmacSha256 mac = new HmacSha256(key);
    mac.mac(message, message.length, actual, 8);
    assertArrayEquals(expected, Arrays.copyOfRange(actual, 8, 40));
    mac.mac(message, message.length, actual, 0);
    assertArrayEquals(expected, Arrays.copyOf(actual, 32), "reusable");
  }

  @Test
  void matchesRfc4231TestCase2() {
    byte[] out = new byte[32];
    byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    new HmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII)).mac(data, data.length, out, 0);
    assertArrayEquals(HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), out);
  }
}
