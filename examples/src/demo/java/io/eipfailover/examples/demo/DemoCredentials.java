package io.eipfailover.examples.demo;

import java.util.List;

/**
 * The demo's EC2 fake accepts any access key signed (SigV4) with this secret; the SDK's default
 * chain reads these system properties first, so the demo never touches a real AWS account or its
 * credential files.
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

  /** The secret the demo's nodes sign with (the property if already set), which the demo's fake accepts. */
  static String secretKey() {
    return System.getProperty("aws.secretAccessKey", SECRET_KEY);
  }

  /** The same, as {@code key=value} for a child JVM. */
  static List<String> systemProperties() {
    return List.of("aws.accessKeyId=" + System.getProperty("aws.accessKeyId", ACCESS_KEY),
        "aws.secretAccessKey=" + System.getProperty("aws.secretAccessKey", SECRET_KEY));
  }
}
