package io.eipfailover.examples.deploy;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns the random strings a Terraform mock provider invents for computed attributes ({@code
 * "uf2tyhk2"}) into well-formed EC2 ids and addresses, one to one: the same mock value always maps
 * to the same id, two different values never to one. Links in the state (an ENI tag's {@code
 * resource_id} naming an instance's primary ENI) survive the mapping. Not thread-safe.
 */
final class Ec2Ids {
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> publicIps = new HashMap<>();

  /** An id with {@code prefix} ({@code "eni-"}, {@code "i-"}, {@code "eipalloc-"}) and 17 hex digits. */
  String id(String prefix, String mockValue) {
    return ids.computeIfAbsent(prefix + mockValue, k -> prefix + String.format("%017x", ids.size() + 1));
  }

  /** A documentation address (203.0.113.0/24) for a mock public IP. */
  String publicIp(String mockValue) {
    return publicIps.computeIfAbsent(mockValue, k -> {
      if (publicIps.size() >= 254) {
        throw new IllegalStateException("more than 254 public IPs in one state");
      }
      return "203.0.113." + (publicIps.size() + 1);
    });
  }
}
