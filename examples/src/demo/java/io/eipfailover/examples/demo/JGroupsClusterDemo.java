package io.eipfailover.examples.demo;

/**
 * The N-node variant: three nodes (or {@code --nodes N}) with JGroups membership, the balanced
 * strategy (a dead node's EIPs spread over the survivors by rendezvous hashing) and the quorum
 * guard. Same steps as {@link LocalDemo}.
 */
public final class JGroupsClusterDemo {
  private JGroupsClusterDemo() {}

  public static void main(String[] args) throws Exception {
    String[] all = new String[args.length + 4];
    all[0] = "--membership";
    all[1] = "jgroups";
    all[2] = "--nodes";
    all[3] = "3";
    System.arraycopy(args, 0, all, 4, args.length);
    LocalDemo.main(all);
  }
}
