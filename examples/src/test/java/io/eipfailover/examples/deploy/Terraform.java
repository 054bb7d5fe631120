package io.eipfailover.examples.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code terraform} CLI offline for the deploy tests: the CLI configuration is
 * examples/deploy/terraform/terraform.rc (providers only from the local filesystem mirror), the
 * version check is off, and a failing command fails the test with its output. Nothing here talks
 * to AWS: the commands used are {@code init}, {@code test} (mocked provider) and {@code apply} of
 * configurations without any provider.
 */
final class Terraform {
  /** examples/deploy/terraform, seen from the examples module (Maven's working directory). */
  static final Path ROOT = Path.of("deploy", "terraform").toAbsolutePath();
  static final Path CLUSTER_MODULE = ROOT.resolve("modules/eipfailover-cluster");
  static final Path RESERVED_IPS_MODULE = ROOT.resolve("modules/reserved-ips");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Map<String, TerraformState> exported;

  private Terraform() {}

  /** Runs {@code terraform args...} in {@code dir}; returns its standard output, throws unless it exits 0. */
  static String run(Path dir, String... args) {
    List<String> argv = new ArrayList<>(List.of("terraform"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
    pb.environment().put("TF_CLI_CONFIG_FILE", ROOT.resolve("terraform.rc").toString());
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    pb.environment().put("TF_IN_AUTOMATION", "1");
    pb.environment().put("NO_COLOR", "1");
    try {
      Path err = Files.createTempFile("terraform", ".err");
      try {
        Process p = pb.redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException("terraform " + String.join(" ", args) + " in " + dir + " timed out");
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException("terraform " + String.join(" ", args) + " in " + dir + " exited "
              + p.exitValue() + ":\n" + out + Files.readString(err));
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run terraform (is it on the PATH? examples/deploy/test-offline.sh checks): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running terraform", e);
    }
  }

  /**
   * The state of every run of tests/export.tftest.hcl of the cluster module, applied to the mocked
   * provider, by run name. Computed once per JVM ({@code terraform test -verbose -json}).
   */
  static synchronized Map<String, TerraformState> exportedStates() {
    if (exported == null) {
      run(CLUSTER_MODULE, "init", "-input=false", "-no-color");
      String lines = run(CLUSTER_MODULE, "test", "-verbose", "-json", "-no-color", "-filter=tests/export.tftest.hcl");
      Map<String, TerraformState> states = new LinkedHashMap<>();
      for (String line : lines.split("\n")) {
        JsonNode event = parse(line);
        if (event.path("type").asText().equals("test_state")) {
          states.put(event.path("@testrun").asText(), new TerraformState(event.path("test_state")));
        }
      }
      if (states.isEmpty()) {
        throw new IllegalStateException("terraform test -verbose -json printed no test_state:\n" + lines);
      }
      exported = Map.copyOf(states);
    }
    return exported;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }
}
