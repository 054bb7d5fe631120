package io.eipfailover.examples.demo;

import java.util.List;

/**
 * The EC2 fake accepts any SigV4 credentials; the SDK's default chain reads these system
 * properties first, so the demo never touches a real AWS account or its credential files.
 */
final class DemoCredentials {
  static final String ACCESS_KEY = "AKIDEIPFAILOVERDEMO";
  static final String SECRET_KEY = "demo-secret-not-a-real-key";

  private DemoCredentials() {}

  /** Sets the credential properties in this JVM unless already set. */
  static void install() {
    if (System.getProperty("aws.accessKeyId") == null) {
      System.setProperty("aws.accessKeyId", ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }
  }

  /** The same, as {@code key=value} for a child JVM. */
  static List<String> systemProperties() {
    return List.of("aws.accessKeyId=" + System.getProperty("aws.accessKeyId", ACCESS_KEY),
        "aws.secretAccessKey=" + System.getProperty("aws.secretAccessKey", SECRET_KEY));
  }
}
