package io.eipfailover.examples.agent.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eipfailover.examples.agent.importer.ScriptFindings.Association;
import io.eipfailover.examples.agent.importer.ScriptFindings.CheckKind;
import io.eipfailover.examples.agent.importer.ShellWords.Word;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the script reader follows (literal variables, arguments, quotes) and what it refuses to guess. */
class ShellScriptTest {
  private static ScriptFindings analyze(List<String> args, String... lines) {
    return ShellScript.analyze(ScriptLine.split(Path.of("s.sh"), List.of(lines), 1), args);
  }

  @Test
  void wordsFollowShellQuotingAndExpansion() {
    List<List<Word>> cmds = ShellWords.commands("A=1 echo '$A' \"x $A y\" ${B:-dflt} $(date) && ls # comment",
        n -> n.equals("A") ? Optional.of("one") : Optional.empty());
    assertEquals(2, cmds.size());
    assertEquals(List.of("A=1", "echo", "$A", "x one y", "dflt", "$(date)"), cmds.get(0).stream().map(Word::text)
        .toList());
    assertEquals(List.of("$(date)"), cmds.get(0).get(5).unresolved());
    assertEquals(List.of("ls"), cmds.get(1).stream().map(Word::text).toList());
  }

  @Test
  void followsLiteralVariablesArgumentsAndContinuations() {
    ScriptFindings f = analyze(List.of("eipalloc-0abc", "start"),
        "#!/bin/sh",
        "ENI=\"eni-0123\"",
        "IP=10.0.1.11",
        "AWS_REGION=eu-central-1 /usr/local/bin/aws ec2 associate-address \\",
        "  --allocation-id=$1 --network-interface-id ${ENI} --private-ip-address \"$IP\" --allow-reassociation");
    assertEquals(1, f.associations.size());
    Association a = f.associations.get(0);
    assertEquals(Optional.of("eipalloc-0abc"), a.allocationId());
    assertEquals(Optional.of("eni-0123"), a.networkInterfaceId());
    assertEquals(Optional.of("10.0.1.11"), a.privateIp());
    assertEquals(4, a.where().line());
    assertEquals("eu-central-1", f.region.orElseThrow().value());
    assertEquals(List.of(), f.shellLines, "every line feeds the call");
    assertEquals(2, f.feeding.size());
  }

  @Test
  void aVariableSetDifferentlyInTwoBranchesIsNotGuessed() {
    ScriptFindings f = analyze(List.of(),
        "case \"$(hostname)\" in",
        "  lb1) ENI=eni-aaa ;;",
        "  lb2) ENI=eni-bbb ;;",
        "esac",
        "aws ec2 associate-address --allocation-id eipalloc-1 --network-interface-id $ENI --private-ip-address 10.0.0.5");
    Association a = f.associations.get(0);
    assertEquals(Optional.empty(), a.networkInterfaceId());
    assertTrue(a.problems().get(0).contains("set to different values on lines 2, 3"), a.problems().toString());
  }

  @Test
  void valuesComputedAtRunTimeAreReportedWithTheirSource() {
    ScriptFindings f = analyze(List.of(),
        "MAC=$(curl -s http://169.254.169.254/latest/meta-data/mac)",
        "ENI=$(curl -s http://169.254.169.254/latest/meta-data/network/interfaces/macs/$MAC/interface-id)",
        "aws ec2 associate-address --allocation-id eipalloc-1 --network-interface-id \"$ENI\"",
        "aws ec2 disassociate-address --association-id eipassoc-1",
        "aws sns publish --topic-arn arn:aws:sns:x --message moved");
    Association a = f.associations.get(0);
    assertEquals(Optional.empty(), a.networkInterfaceId());
    assertTrue(a.problems().get(0).contains("$ENI is set on line 2 from something computed at run time"),
        a.problems().toString());
    assertEquals(2, f.others.size());
    assertTrue(f.others.get(0).reason().contains("never disassociates"), f.others.get(0).reason());
    assertTrue(f.others.get(1).reason().contains("aws sns publish: not an EIP move"), f.others.get(1).reason());
  }

  @Test
  void recognisesAddressesAndChecks() {
    ScriptFindings f = analyze(List.of(),
        "ip addr add 10.0.1.11/24 dev ens5",
        "if ! curl -fs http://127.0.0.1:8080/health; then exit 1; fi",
        "nc -z -w 2 127.0.0.1 80",
        "ping -c 1 -W 1 10.0.0.2",
        "pidof haproxy",
        "echo 203.0.113.9");
    assertEquals("10.0.1.11", f.osAddresses.get(0).ip());
    assertEquals(24, f.osAddresses.get(0).prefixLength().getAsInt());
    assertEquals(Optional.of("ens5"), f.osAddresses.get(0).device());
    assertEquals(List.of(CheckKind.HTTP, CheckKind.TCP, CheckKind.PING, CheckKind.PROCESS),
        f.checks.stream().map(ScriptFindings.Check::kind).toList());
    assertEquals(List.of("http://127.0.0.1:8080/health", "127.0.0.1:80", "10.0.0.2", "haproxy"),
        f.checks.stream().map(ScriptFindings.Check::target).toList());
    assertEquals(List.of("203.0.113.9"), List.copyOf(f.publicIps.keySet()));
    assertFalse(f.publicIps.containsKey("10.0.0.2"));
  }
}
