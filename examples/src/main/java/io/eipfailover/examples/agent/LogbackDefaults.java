package io.eipfailover.examples.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The agent's and the example mains' logging, set up in code (Logback finds this class through
 * {@code META-INF/services}) instead of from a {@code logback.xml}: Joran, Logback's XML
 * configurator, and the SAX parser it drives loaded about 400 classes (272 of them Logback's) that
 * stayed for the agent's life, 2 MB of its resident memory, for a configuration that never changes
 * (issue 18). One console appender (under systemd, stdout goes to the journal:
 * {@code journalctl -u eipfailover-agent}), libraries that are chatty at INFO at WARN, the root at
 * INFO until the configuration's {@code log.level} is applied at start (and again on SIGHUP,
 * {@link LogLevels}).
 *
 * <p>An operator's or a test's own configuration wins: with {@code -Dlogback.configurationFile}
 * set, or a {@code logback-test.xml} on the classpath, this configurator steps aside and Logback
 * reads that file as usual.
 *
 * <p>Thread-safety: Logback calls it once, on the thread that first asks for a logger.
 */
public final class LogbackDefaults extends ContextAwareBase implements Configurator {
  /** The line format: time, level, the logger's simple name, the message (the node id is in it). */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
  /** Libraries that are chatty at INFO. */
  static final List<String> QUIET_AT_WARN = List.of("org.eclipse.jetty", "wiremock", "com.github.tomakehurst",
      "org.jgroups", "software.amazon.awssdk");

  /** For Logback's service loader. */
  public LogbackDefaults() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (defersTo(System.getProperty("logback.configurationFile"),
        LogbackDefaults.class.getClassLoader().getResource("logback-test.xml") != null)) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The defaults themselves, on any context. */
  static void apply(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    for (String name : QUIET_AT_WARN) {
      context.getLogger(name).setLevel(Level.WARN);
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
  }

  /** Whether a configuration file someone chose should be read instead of these defaults. */
  static boolean defersTo(String configurationFileProperty, boolean testConfigurationOnClasspath) {
    return (configurationFileProperty != null && !configurationFileProperty.isBlank()) || testConfigurationOnClasspath;
  }
}
