package io.eipfailover.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Proves that Micrometer, an optional dependency of every library module, costs nothing to an
 * application that does not have it: {@link #run} runs code on a class path with Micrometer's jars
 * removed, and {@link #classesReferringToMicrometer} lists the compiled classes that mention it
 * (which should be the {@code *.metrics} binders alone). Not thread-safe: call from a test.
 */
public final class WithoutMicrometer {
  private static final String MICROMETER_CLASS = "io.micrometer.core.instrument.MeterRegistry";
  private static final byte[] MICROMETER_REFERENCE = "io/micrometer/".getBytes(StandardCharsets.UTF_8);

  private WithoutMicrometer() {}

  /**
   * Loads {@code task} afresh in a class loader whose class path is this test's minus every {@code
   * micrometer-*} jar (parent: the platform loader), runs its no-argument constructor and {@code
   * call()}, and returns the result. Fails if Micrometer is still reachable there, so the proof
   * cannot pass vacuously.
   */
  public static String run(Class<? extends Callable<String>> task) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : testClassPath().split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Path.of(entry).getFileName().toString().startsWith("micrometer-")) {
        urls.add(url(entry));
      }
    }
    try (URLClassLoader loader = new URLClassLoader("without-micrometer", urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      try {
        Class.forName(MICROMETER_CLASS, false, loader);
        throw new IllegalStateException("Micrometer is still on the reduced class path: " + urls);
      } catch (ClassNotFoundException expected) {
        // Micrometer is absent: the run below proves what it should.
      }
      Class<?> isolated = Class.forName(task.getName(), true, loader);
      Callable<?> callable = (Callable<?>) isolated.getDeclaredConstructor().newInstance();
      return String.valueOf(callable.call());
    }
  }

  /**
   * The classes under {@code classesDir} (a compiled output folder such as {@code target/classes})
   * whose constant pool names a type of Micrometer, as class names, sorted.
   */
  public static List<String> classesReferringToMicrometer(Path classesDir) {
    try (Stream<Path> files = Files.walk(classesDir)) {
      return files.filter(p -> p.toString().endsWith(".class"))
          .filter(WithoutMicrometer::refersToMicrometer)
          .map(p -> classesDir.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", ""))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean refersToMicrometer(Path classFile) {
    try {
      byte[] bytes = Files.readAllBytes(classFile);
      outer:
      for (int i = 0; i <= bytes.length - MICROMETER_REFERENCE.length; i++) {
        for (int j = 0; j < MICROMETER_REFERENCE.length; j++) {
          if (bytes[i + j] != MICROMETER_REFERENCE[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Surefire's real test class path (its own {@code java.class.path} may be a manifest-only jar). */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
  }

  private static URL url(String entry) {
    try {
      return Path.of(entry).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("class path entry " + entry + " is not a path", e);
    }
  }
}
