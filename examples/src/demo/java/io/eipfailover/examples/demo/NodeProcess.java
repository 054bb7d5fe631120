package io.eipfailover.examples.demo;

import io.eipfailover.examples.agent.AgentMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An {@code eipfailover-agent} in its own JVM (same classpath as this one), so the demo and the
 * tests can kill it the way a crash does ({@link #kill()}: SIGKILL) or stop it the way systemd
 * does ({@link #terminate()}: SIGTERM). Its output is pumped to {@code echo} with a prefix when
 * verbose, and its last lines are kept for error messages. Not thread-safe; one owner.
 */
public final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final Deque<String> tail = new ArrayDeque<>();
  private final String name;
  private final Thread pump;

  private NodeProcess(String name, Process process, PrintStream echo) {
    this.name = name;
    this.process = process;
    this.pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > 400) {
              tail.removeFirst();
            }
          }
          if (echo != null) {
            echo.println("      [" + name + " jvm] " + line);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "demo-pump-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code java -cp <our classpath> AgentMain --config <config> <extra...>}.
   *
   * @param systemProperties {@code -Dk=v} entries for the child (credentials for the fake)
   */
  public static NodeProcess start(String name, Path config, List<String> systemProperties, PrintStream echo,
      String... extraArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The package launcher's heap and compiler flags (examples/deploy/debian/eipfailover-agent).
    cmd.addAll(List.of("-Xms8m", "-Xmx128m", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40"));
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    systemProperties.forEach(p -> cmd.add("-D" + p));
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add(AgentMain.class.getName());
    cmd.add("--config");
    cmd.add(config.toString());
    cmd.addAll(List.of(extraArgs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return new NodeProcess(name, p, echo);
  }

  /** The classpath this JVM was started with (under Surefire, the test classpath). */
  static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the process has exited. */
  public java.util.concurrent.CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** SIGKILL: the process vanishes without a word, like a crash. */
  public void kill() {
    // Through the handle: Process.destroy*() also closes our end of its output, losing its last lines.
    process.toHandle().destroyForcibly();
  }

  /** SIGTERM: the agent hands its EIPs over, then exits (its last lines are still read). */
  public void terminate() {
    process.toHandle().destroy();
  }

  /**
   * Waits for the exit (and for its last output to be read); returns the exit code or -1 if still
   * running after {@code millis}.
   */
  public int waitFor(long millis) throws InterruptedException {
    if (!process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      return -1;
    }
    pump.join(2000);
    return process.exitValue();
  }

  /** The process's last output lines. */
  public String tail() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return name + "(pid " + process.pid() + ")";
  }
}
