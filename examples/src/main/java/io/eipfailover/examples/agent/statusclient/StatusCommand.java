package io.eipfailover.examples.agent.statusclient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * {@code eipfailover-agent status [--config FILE] [--port N] [--json] [--watch] [--interval S]}:
 * asks the local agent's status endpoint ({@code http://127.0.0.1:<status.port>/status}) and shows
 * nodes, EIPs (home or away, since when), the plan, the last takeover's timeline and the last
 * minutes' guard denials and EC2 errors. Exit codes, usable from Nagios-style checks: 0 healthy, 1
 * degraded (an EIP away from home or unassociated, a node not ALIVE, this node not announcing ALIVE), 2 the
 * agent is unreachable or the endpoint disabled. The port comes from {@code status.port} in the
 * configuration file (read as plain properties: the key file, readable only by the agent's user, is
 * not needed).
 */
public final class StatusCommand {
  static final Path DEFAULT_CONFIG = Path.of("/etc/eipfailover/agent.properties");
  private static final int DEFAULT_PORT = 9777;

  /** Waits between rounds of {@code --watch}. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private StatusCommand() {}

  /** Runs the command (with {@code --watch}, until interrupted). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, d -> Thread.sleep(d.toMillis()), Integer.MAX_VALUE);
  }

  /**
   * @param rounds with {@code --watch}, how many rounds at most (tests)
   * @return the exit code of the last round
   */
  static int run(String[] args, PrintStream out, PrintStream err, Sleeper sleeper, int rounds) {
    Path config = null;
    Integer port = null;
    boolean json = false;
    boolean watch = false;
    Duration interval = Duration.ofSeconds(2);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--json") || a.equals("--watch") || a.equals("--help")) {
        if (a.equals("--help")) {
          usage(out, null);
          return 0;
        }
        json |= a.equals("--json");
        watch |= a.equals("--watch");
        continue;
      }
      if (!a.equals("--config") && !a.equals("--port") && !a.equals("--interval")) {
        return usage(err, "unknown argument '" + a + "'");
      }
      if (i + 1 >= args.length) {
        return usage(err, a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--config" -> config = Path.of(v);
        case "--port" -> {
          if (!v.matches("\\d{1,5}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
            return usage(err, "--port must be a port from 1 to 65535, was '" + v + "'");
          }
          port = Integer.parseInt(v);
        }
        default -> {
          if (!v.matches("\\d{1,4}")) {
            return usage(err, "--interval must be whole seconds, was '" + v + "'");
          }
          interval = Duration.ofSeconds(Math.max(1, Integer.parseInt(v)));
        }
      }
    }
    int p;
    try {
      p = port != null ? port : port(config == null ? DEFAULT_CONFIG : config, config != null, err);
    } catch (IllegalStateException e) {
      err.println("eipfailover-agent status: " + e.getMessage());
      return 2;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    int code = 2;
    for (int round = 0; round < (watch ? rounds : 1); round++) {
      if (round > 0) {
        try {
          sleeper.sleep(interval);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return code;
        }
      }
      if (watch) {
        out.print("\033[H\033[2J");
        out.println("every " + interval.toSeconds() + " s; Ctrl-C stops");
      }
      code = once(http, p, json, out, err);
    }
    return code;
  }

  private static int once(HttpClient http, int port, boolean json, PrintStream out, PrintStream err) {
    String url = "http://127.0.0.1:" + port + "/status";
    String body;
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET()
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200) {
        err.println("eipfailover-agent status: " + url + " answered HTTP " + r.statusCode() + "; is another program"
            + " on port " + port + "?");
        return 2;
      }
      body = r.body();
    } catch (ConnectException e) {
      err.println("eipfailover-agent status: the agent is not running here: nothing listens on 127.0.0.1:" + port
          + " (connection refused). Start it with: systemctl start eipfailover-agent; why it stopped: journalctl"
          + " -u eipfailover-agent");
      return 2;
    } catch (HttpTimeoutException e) {
      err.println("eipfailover-agent status: the agent does not answer on " + url + " within 3 s (stopped with"
          + " SIGSTOP, or overloaded)");
      return 2;
    } catch (IOException e) {
      err.println("eipfailover-agent status: cannot read " + url + ": " + e);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    StatusView.View view;
    try {
      view = StatusView.render(Json.object(Json.parse(body)));
    } catch (IllegalArgumentException e) {
      err.println("eipfailover-agent status: " + url + " answered something that is not a status document ("
          + e.getMessage() + ")");
      return 2;
    }
    out.print(json ? body + "\n" : view.text());
    return view.healthy() ? 0 : 1;
  }

  /**
   * {@code status.port} of {@code file}; the default port when the default file is absent or not
   * readable by this user (said on {@code err}).
   */
  private static int port(Path file, boolean named, PrintStream err) {
    if (!Files.exists(file)) {
      if (named) {
        throw new IllegalStateException("--config: cannot read '" + file + "': no such file");
      }
      return DEFAULT_PORT;
    }
    if (!named && !Files.isReadable(file)) {
      err.println("eipfailover-agent status: cannot read " + file + " as this user; asking port " + DEFAULT_PORT
          + " (pass --port N if status.port differs)");
      return DEFAULT_PORT;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalStateException("--config: cannot read '" + file + "': " + e.getMessage());
    }
    if ("false".equals(p.getProperty("status.enabled", "true").strip())) {
      throw new IllegalStateException("the status endpoint is disabled (status.enabled = false in " + file
          + "); enable it and restart the agent");
    }
    String port = p.getProperty("status.port", String.valueOf(DEFAULT_PORT)).strip();
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalStateException("status.port in " + file + " must be a port, was '" + port + "'");
    }
    if (port.equals("0")) {
      throw new IllegalStateException("status.port = 0 in " + file + ": the agent picked a free port and logged it;"
          + " pass it with --port");
    }
    return Integer.parseInt(port);
  }

  private static int usage(PrintStream s, String problem) {
    if (problem != null) {
      s.println("eipfailover-agent status: " + problem);
    }
    s.println("usage: eipfailover-agent status [--config FILE] [--port N] [--json] [--watch] [--interval S]");
    s.println("  --config FILE  where status.port is read (default " + DEFAULT_CONFIG + ")");
    s.println("  --port N       the status port, instead of reading it");
    s.println("  --json         print the agent's /status document as it is");
    s.println("  --watch        redraw every --interval seconds (default 2) until Ctrl-C");
    s.println("exit: 0 healthy, 1 degraded (an EIP away from home, a node not alive), 2 agent unreachable");
    return problem == null ? 0 : 2;
  }
}
