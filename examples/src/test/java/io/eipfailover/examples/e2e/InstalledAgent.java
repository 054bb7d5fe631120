package io.eipfailover.examples.e2e;

import io.eipfailover.examples.packaging.UnitFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the installed agent the way its systemd unit does, inside a node's namespace: reads the
 * installed unit file and applies it, instead of copying its values. The process gets the unit's
 * {@code ExecStart} command line, user and group, ambient and bounding capabilities and
 * no-new-privileges (by {@code setpriv}), and its file-system sandbox (by {@code unshare --mount}):
 * {@code ProtectSystem=strict} as every mount read-only except /dev, /proc and /sys,
 * {@code PrivateTmp} as fresh /tmp and /var/tmp, {@code ProtectHome} as empty read-only /home,
 * /root and /run/user, {@code ReadOnlyPaths} read-only, each {@code CacheDirectory} as a writable
 * /var/cache directory of the agent's user (one per node, beside its configuration); a clean
 * environment as systemd gives, with the unit's {@code Environment}.
 * Each node sees its own configuration directory at {@code /etc/eipfailover} (a bind mount), so two
 * nodes on one machine use the unit's paths unchanged. A unit setting this class does not know
 * fails the suite: it must be applied here, or listed as not applying to the stage. Immutable.
 */
final class InstalledAgent {
  static final Path UNIT = Path.of("/lib/systemd/system/eipfailover-agent.service");
  static final Path ETC = Path.of("/etc/eipfailover");
  /** Unit settings the stage applies. */
  private static final Set<String> APPLIED = Set.of("User", "Group", "ExecStart", "AmbientCapabilities",
      "CapabilityBoundingSet", "NoNewPrivileges", "ProtectSystem", "ProtectHome", "PrivateTmp", "ReadOnlyPaths",
      "KillSignal", "SuccessExitStatus", "CacheDirectory", "Environment");
  /** Unit settings about supervision and logging, which the test itself plays (it starts, signals, waits). */
  private static final Set<String> SUPERVISION = Set.of("Type", "ExecReload", "TimeoutStopSec", "Restart",
      "RestartSec", "StandardOutput", "StandardError");
  private static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  final UnitFile unit;

  private InstalledAgent(UnitFile unit) {
    this.unit = unit;
  }

  /** Reads the installed unit; fails on a setting the stage cannot account for. */
  static InstalledAgent read() throws IOException {
    UnitFile unit = UnitFile.parse(Files.readString(UNIT));
    List<String> unknown = new ArrayList<>();
    for (String key : unit.keys("Service")) {
      if (!APPLIED.contains(key) && !SUPERVISION.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new AssertionError(UNIT + " sets " + unknown + ", which the e2e stage neither applies nor lists as"
          + " supervision: teach InstalledAgent to apply it");
    }
    require(unit, "ProtectSystem", "strict");
    require(unit, "ProtectHome", "true");
    require(unit, "PrivateTmp", "true");
    require(unit, "NoNewPrivileges", "true");
    require(unit, "KillSignal", "SIGTERM");
    return new InstalledAgent(unit);
  }

  private static void require(UnitFile unit, String key, String value) {
    String v = unit.value("Service", key).orElse("(unset)");
    if (!v.equals(value)) {
      throw new AssertionError(UNIT + ": the stage applies " + key + "=" + value + " only, the unit says " + key + "=" + v);
    }
  }

  String user() {
    return unit.value("Service", "User").orElseThrow();
  }

  /** Exit codes systemd counts as a clean stop: 0 and {@code SuccessExitStatus=}. */
  List<Integer> successExitCodes() {
    List<Integer> codes = new ArrayList<>(List.of(0));
    unit.values("Service", "SuccessExitStatus").forEach(v -> List.of(v.split("\\s+")).forEach(c -> codes.add(Integer.parseInt(c))));
    return codes;
  }

  /**
   * The command that runs {@code ExecStart} (or, with {@code args}, the same program with other
   * arguments, such as {@code ports}) as the unit would, with {@code etcDir} seen as
   * /etc/eipfailover and {@code env} added to the clean environment (the stage's stand-in for the
   * instance role's credentials).
   */
  List<String> command(Path etcDir, Map<String, String> env, List<String> args) {
    List<String> exec = unit.execStart();
    List<String> program = new ArrayList<>(List.of(exec.get(0)));
    program.addAll(args.isEmpty() ? exec.subList(1, exec.size()) : args);
    List<String> ambient = unit.capabilities("AmbientCapabilities");
    List<String> bounding = unit.capabilities("CapabilityBoundingSet");
    StringBuilder sh = new StringBuilder("set -e\n")
        .append("mount --make-rprivate /\n")
        .append("mount --bind '").append(etcDir).append("' ").append(ETC).append('\n');
    String owner = user() + ":" + unit.value("Service", "Group").orElseThrow();
    List<String> caches = unit.values("Service", "CacheDirectory").stream()
        .flatMap(v -> List.of(v.trim().split("\\s+")).stream()).toList();
    for (String c : caches) {
      Path node = etcDir.resolveSibling(etcDir.getFileName() + "-cache-" + c);
      sh.append("mkdir -p '").append(node).append("' /var/cache/").append(c).append('\n')
          .append("chown ").append(owner).append(" '").append(node).append("'\n")
          .append("mount --bind '").append(node).append("' /var/cache/").append(c).append('\n');
    }
    sh
        // ProtectSystem=strict: every mount read-only but the API file systems.
        .append("awk '{print $5}' /proc/self/mountinfo | sort -u | while read -r m; do\n")
        .append("  case \"$m\" in /dev|/dev/*|/proc|/proc/*|/sys|/sys/*) continue;; esac\n")
        // A mount that vanished meanwhile (another run's namespace, deleted) or a namespace file
        // cannot be remounted and needs not be; anything else stops the start, saying so.
        .append("  mount -o remount,bind,ro \"$m\" 2>/dev/null && continue\n")
        .append("  awk -v m=\"$m\" '$5 == m {found=1} END {exit !found}' /proc/self/mountinfo || continue\n")
        .append("  grep -q \" $m nsfs \" /proc/mounts && continue\n")
        .append("  echo \"e2e sandbox (ProtectSystem=strict): cannot make $m read-only\" >&2; exit 1\n")
        .append("done\n");
    for (String c : caches) {
      sh.append("mount -o remount,bind,rw /var/cache/").append(c).append('\n'); // CacheDirectory: writable
    }
    for (String ro : unit.values("Service", "ReadOnlyPaths")) {
      sh.append("mount -o remount,bind,ro ").append(ro).append(" 2>/dev/null || mount --bind -o ro ").append(ro)
          .append(' ').append(ro).append('\n');
    }
    // PrivateTmp and ProtectHome.
    sh.append("mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp\n")
        .append("mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /var/tmp\n")
        .append("for h in /home /root /run/user; do [ -d \"$h\" ] && mount -t tmpfs -o ro,mode=0755 tmpfs \"$h\"; done\n");
    List<String> envArgs = new ArrayList<>(List.of("env", "-i", "PATH=" + SYSTEMD_PATH));
    unit.values("Service", "Environment").forEach(v -> envArgs.addAll(List.of(v.trim().split("\\s+"))));
    env.forEach((k, v) -> envArgs.add(k + "=" + v));
    List<String> setpriv = new ArrayList<>(List.of("setpriv", "--reuid=" + user(),
        "--regid=" + unit.value("Service", "Group").orElseThrow(), "--init-groups",
        "--inh-caps=" + caps(ambient), "--ambient-caps=" + caps(ambient), "--bounding-set=-all" + plus(bounding),
        "--no-new-privs"));
    sh.append("exec");
    for (String a : envArgs) {
      sh.append(' ').append(a);
    }
    for (String a : setpriv) {
      sh.append(' ').append(a);
    }
    for (String a : program) {
      sh.append(' ').append(a);
    }
    sh.append('\n');
    return List.of("unshare", "--mount", "sh", "-c", sh.toString());
  }

  private static String caps(List<String> caps) {
    return caps.isEmpty() ? "-all" : "-all" + plus(caps);
  }

  private static String plus(List<String> caps) {
    StringBuilder sb = new StringBuilder();
    caps.forEach(c -> sb.append(",+").append(c));
    return sb.toString();
  }
}
