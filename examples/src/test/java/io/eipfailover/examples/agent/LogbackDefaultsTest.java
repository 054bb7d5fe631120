package io.eipfailover.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LogbackDefaultsTest {
  @Test
  void logbackFindsItAsAConfiguratorService() {
    assertTrue(ServiceLoader.load(Configurator.class).stream().anyMatch(p -> p.type() == LogbackDefaults.class),
        "META-INF/services/ch.qos.logback.classic.spi.Configurator must name LogbackDefaults");
  }

  @Test
  void writesEveryLineToTheConsoleInTheAgentsFormatWithChattyLibrariesAtWarn() {
    LoggerContext context = new LoggerContext();
    LogbackDefaults.apply(context);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.INFO, root.getLevel());
    ConsoleAppender<?> console = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
    assertTrue(console.isStarted());
    PatternLayoutEncoder encoder = assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder());
    assertEquals("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n", encoder.getPattern());
    for (String name : LogbackDefaults.QUIET_AT_WARN) {
      assertEquals(Level.WARN, context.getLogger(name).getLevel(), name);
    }
    assertEquals(Level.WARN, context.getLogger("software.amazon.awssdk.request").getEffectiveLevel());
    assertEquals(Level.INFO, context.getLogger("io.eipfailover.core").getEffectiveLevel());
  }

  @Test
  void stepsAsideForAConfigurationFileSomeoneChose() {
    assertFalse(LogbackDefaults.defersTo(null, false));
    assertFalse(LogbackDefaults.defersTo(" ", false));
    assertTrue(LogbackDefaults.defersTo("/etc/eipfailover/logback.xml", false));
    assertTrue(LogbackDefaults.defersTo(null, true));
  }
}
