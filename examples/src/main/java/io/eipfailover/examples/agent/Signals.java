package io.eipfailover.examples.agent;

import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs a handler for a POSIX signal through {@code sun.misc.Signal} (module jdk.unsupported),
 * looked up reflectively so the agent still starts on a JVM without it (then SIGHUP reload is
 * simply unavailable, and says so; likewise when the signal was ignored by whoever started the
 * agent, e.g. {@code nohup}, in which case the JVM installs no handler). SIGTERM is not handled here: the JVM's shutdown hooks are the
 * supported way and the agent uses one.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /** @return whether the handler was installed */
  static boolean handle(String signal, String node, Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              try {
                action.run();
              } catch (RuntimeException e) {
                LOG.error("[id={}] SIG{} handler failed", node, signal, e);
              }
              return null;
            }
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> "SignalHandler(" + signal + ")";
            };
          });
      Object sig = signalClass.getConstructor(String.class).newInstance(signal);
      Object previous = signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sig, handler);
      if (previous == handlerClass.getField("SIG_IGN").get(null)) {
        // The JVM installs no handler for a signal its parent ignored (nohup): say so.
        LOG.warn("[id={}] SIG{} is ignored by the process that started the agent (nohup?); reload needs a restart",
            node, signal);
        return false;
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.warn("[id={}] cannot handle SIG{} on this JVM ({}); reload needs a restart", node, signal, e.toString());
      return false;
    }
  }
}
