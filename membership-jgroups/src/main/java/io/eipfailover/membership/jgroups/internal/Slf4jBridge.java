package io.eipfailover.membership.jgroups.internal;

import com.google.common.base.Ticker;
import org.jgroups.logging.CustomLogFactory;
import org.jgroups.logging.Log;
import org.jgroups.logging.LogFactory;
import org.jgroups.logging.Slf4jLogImpl;

/**
 * Routes JGroups' own logging to SLF4J. JGroups 5.4 picks log4j2 over SLF4J when both are on the
 * class path, so we install a {@link CustomLogFactory} that always answers {@link Slf4jLogImpl},
 * unless the application installed its own factory first (its choice wins). The factory is
 * JVM-global and JGroups loggers are created when their classes load, so this runs from the
 * builder, before any channel or protocol is created.
 *
 * <p>Every JGroups logger it answers is a {@link BudgetedJGroupsLog}: JGroups logs per packet (a
 * stranger's or a garbled one), so its lines are written within a budget per reason.
 */
public final class Slf4jBridge {
  private Slf4jBridge() {}

  /** Installs the SLF4J factory unless one is already set. Idempotent, thread-safe. */
  public static synchronized void install() {
    if (LogFactory.getCustomLogFactory() != null) {
      return;
    }
    LogFactory.setCustomLogFactory(new CustomLogFactory() {
      @Override
      public Log getLog(Class<?> clazz) {
        return new BudgetedJGroupsLog(new Slf4jLogImpl(clazz), clazz.getName(), Ticker.systemTicker());
      }

      @Override
      public Log getLog(String category) {
        return new BudgetedJGroupsLog(new Slf4jLogImpl(category), category, Ticker.systemTicker());
      }
    });
  }
}
