package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestAddressProvisionerTest {
  private final List<String> ran = new ArrayList<>();
  private String shown = "2: eth0    inet 10.0.1.10/24 brd 10.0.1.255 scope global eth0\n"
      + "2: eth0    inet 10.0.1.21/24 scope global secondary eth0\n";

  private CommandRunner recorder(int addExit) {
    return argv -> {
      ran.add(String.join(" ", argv));
      if (argv.contains("show")) {
        return new CommandRunner.Result(0, shown);
      }
      return new CommandRunner.Result(argv.contains("add") ? addExit : 0, addExit == 0 ? "" : "RTNETLINK answers: Operation not permitted");
    };
  }

  @Test
  void addsOnlyMissingAddressesAndRemovesOnlyThoseItAdded() throws IOException {
    GuestAddressProvisioner os = new GuestAddressProvisioner(recorder(0), "lb-a", "eth0", 24, false);
    assertEquals(List.of("10.0.1.20"), os.ensure(List.of("10.0.1.20", "10.0.1.21")));
    assertEquals(List.of("ip -o -4 addr show dev eth0", "ip addr add 10.0.1.20/24 dev eth0"), ran);
    ran.clear();
    os.release(Optional.of(Set.of()));
    assertEquals(List.of("ip addr del 10.0.1.20/24 dev eth0"), ran);
    ran.clear();
    os.release(Optional.of(Set.of()));
    assertEquals(List.of(), ran, "released once only");
  }

  @Test
  void isIdempotentAcrossRestarts() throws IOException {
    shown += "2: eth0    inet 10.0.1.20/24 scope global secondary eth0\n";
    GuestAddressProvisioner os = new GuestAddressProvisioner(recorder(0), "lb-a", "eth0", 24, false);
    assertEquals(List.of(), os.ensure(List.of("10.0.1.20", "10.0.1.21")));
    os.release(Optional.of(Set.of()));
    assertEquals(List.of("ip -o -4 addr show dev eth0"), ran, "nothing added, nothing removed");
  }

  @Test
  void dryRunOnlyLooks() throws IOException {
    GuestAddressProvisioner os = new GuestAddressProvisioner(recorder(0), "lb-a", "eth0", 24, true);
    assertEquals(List.of("10.0.1.20"), os.ensure(List.of("10.0.1.20")));
    os.release(Optional.of(Set.of()));
    assertEquals(List.of("ip -o -4 addr show dev eth0"), ran);
  }

  @Test
  void aRefusedAddIsAnErrorNamingTheCommand() {
    GuestAddressProvisioner os = new GuestAddressProvisioner(recorder(2), "lb-a", "eth0", 24, false);
    IOException e = assertThrows(IOException.class, () -> os.ensure(List.of("10.0.1.20")));
    assertTrue(e.getMessage().contains("ip addr add 10.0.1.20/24 dev eth0") && e.getMessage().contains("not permitted"),
        e.getMessage());
  }

  @Test
  void neverRemovesAnAddressAnEipIsOnNorAnyWhenEc2CannotSay() throws IOException {
    GuestAddressProvisioner os = new GuestAddressProvisioner(recorder(0), "lb-a", "eth0", 24, false);
    os.ensure(List.of("10.0.1.20", "10.0.1.22"));
    ran.clear();
    os.release(Optional.empty());
    assertEquals(List.of(), ran, "EC2 could not be asked: nothing removed");
    os.release(Optional.of(Set.of("10.0.1.20", "10.0.1.10")));
    assertEquals(List.of("ip addr del 10.0.1.22/24 dev eth0"), ran, "10.0.1.20 carries an EIP and stays");
  }
}
