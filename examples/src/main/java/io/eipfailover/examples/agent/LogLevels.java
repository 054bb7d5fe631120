package io.eipfailover.examples.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets the root log level when the SLF4J binding is Logback (the agent's); a no-op otherwise. */
public final class LogLevels {
  private LogLevels() {}

  /** @return whether the level was applied */
  public static boolean setRoot(String level) {
    return set(Logger.ROOT_LOGGER_NAME, level);
  }

  /** @return whether the level was applied */
  public static boolean set(String loggerName, String level) {
    Logger logger = LoggerFactory.getLogger(loggerName);
    if (logger instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.INFO));
      return true;
    }
    return false;
  }
}
