package io.eipfailover.aws.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link Ec2Fake} from the command line, seeded with an {@code n}-node cluster "demo"
 * (node {@code nodeN} on instance {@code i-0000000N}, ENI {@code eni-0000000N}, primary IP
 * {@code 10.0.N.10}, one reserved IP {@code 10.0.N.11}, EIP {@code eipalloc-0000000N} =
 * {@code 198.51.100.N} at home), and prints the EC2 and IMDS endpoints. Stops on Ctrl-C.
 *
 * <p>Usage: {@code java ... io.eipfailover.aws.testing.Ec2FakeServer [nodes=2]}
 */
public final class Ec2FakeServer {
  private Ec2FakeServer() {}

  /** Seeds {@code nodes} demo nodes (1 to 9) into {@code fake}, every EIP at home. */
  public static void seedDemoCluster(Ec2Fake fake, String cluster, int nodes) {
    if (nodes < 1 || nodes > 9) {
      throw new IllegalArgumentException("nodes must be between 1 and 9, was " + nodes);
    }
    for (int i = 1; i <= nodes; i++) {
      String n = String.valueOf(i);
      fake.addTaggedNode(cluster, "node" + n, "i-0000000" + n, "eni-0000000" + n, "10.0." + n + ".10", "10.0." + n + ".11");
      fake.addTaggedAddress(cluster, "node" + n, "eipalloc-0000000" + n, "198.51.100." + n);
      fake.associate("eipalloc-0000000" + n, "eni-0000000" + n, "10.0." + n + ".10");
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Ec2Fake fake = Ec2Fake.start();
    seedDemoCluster(fake, "demo", nodes);
    System.out.println("EC2 endpoint: " + fake.endpoint() + " (control API: " + fake.endpoint() + "/_fake/...)");
    for (int i = 1; i <= nodes; i++) {
      System.out.println("IMDS of node" + i + " (i-0000000" + i + "): " + fake.imds("i-0000000" + i).endpoint());
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      stop.countDown();
    }));
    stop.await();
  }
}
