package io.eipfailover.core.testing;

import io.eipfailover.core.AttachmentPoint;
import io.eipfailover.core.ElasticIp;
import java.time.Duration;
import java.util.List;

/**
 * One fault a {@link FaultSchedule} injects into a {@link SimulatedCluster}. Nodes are numbered
 * 1..N ({@link Topologies#node}); records print compactly so a failing schedule reads as a script.
 */
public sealed interface FaultStep {
  /** Applies the fault. */
  void apply(SimulatedCluster c);

  record Crash(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.crash(Topologies.node(node));
    }
  }

  record Restart(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.restart(Topologies.node(node));
    }
  }

  /** Freezes the node (GC pause, SIGSTOP) until a {@link Resume} or the final heal. */
  record Pause(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.pause(Topologies.node(node));
    }
  }

  record Resume(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.resume(Topologies.node(node));
    }
  }

  /**
   * The node's host is gone (instance stopped, kernel panic, link down): it is cut off from
   * everyone and its process dies, so nothing of it answers, not even its kernel. {@link Restart}
   * starts a process that stays cut off until {@link HealNetwork}.
   */
  record HostGone(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.network().isolate(Topologies.node(node).value());
      c.crash(Topologies.node(node));
    }
  }

  /**
   * A VM-level pause: the node's process and its kernel freeze together, so it neither sends nor
   * answers anything (not even a kernel probe) until {@link Resume} and {@link HealNetwork}.
   */
  record VmPause(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.network().isolate(Topologies.node(node).value());
      c.pause(Topologies.node(node));
    }
  }

  /** A firewall drops kernel probes (TCP) to the node while its datagrams pass, until healed. */
  record DropProbes(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.network().dropProbes(Topologies.node(node).value());
    }
  }

  /** Symmetric partition between two nodes. */
  record Partition(int a, int b) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.network().partition(List.of(Topologies.node(a).value()), List.of(Topologies.node(b).value()));
    }
  }

  /** Asymmetric: {@code from}'s datagrams no longer reach {@code to}. */
  record BlockOneWay(int from, int to) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.network().block(Topologies.node(from).value(), Topologies.node(to).value());
    }
  }

  /** Cuts the node off from every peer and from the gateway. */
  record Isolate(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.network().isolate(Topologies.node(node).value());
    }
  }

  record HealNetwork() implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.network().heal();
    }
  }

  /** Loss, delay, duplication and replay on every link. */
  record Links(LinkSettings settings) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.network().setDefaults(settings);
    }
  }

  record Health(int node, boolean healthy) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.setHealthy(Topologies.node(node), healthy);
    }
  }

  record Standby(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.standby(Topologies.node(node));
    }
  }

  record LeaveStandby(int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.resumeFromStandby(Topologies.node(node));
    }
  }

  /** Injected EC2 error probabilities. */
  record Ec2Errors(Ec2Faults faults) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.ec2().setFaults(faults);
    }
  }

  /** Every EC2 call fails with {@code outcome} until {@link Ec2Heal}. */
  record Ec2Outage(Ec2Call.Outcome outcome) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.ec2().setOutage(outcome);
    }
  }

  /** Associations take effect late and describe shows stale state. */
  record Ec2Slow(Duration associateLatency, Duration describeLag) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.ec2().setAssociateLatency(associateLatency);
      c.ec2().setDescribeLag(describeLag);
    }
  }

  /**
   * EC2's eventual consistency per EIP: from now on each association change reaches describes
   * after a window drawn in [0, {@code max}] for that change.
   */
  record Ec2Lag(Duration max) implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.ec2().setDescribeLag(Duration.ZERO, max);
    }
  }

  /**
   * The account's request buckets, shared by every node: {@code AssociateAddress} and {@code
   * DescribeAddresses} each with its size and refill per second (EC2 documents 50 + 5/s and 100 +
   * 20/s; schedules use smaller ones so a few nodes feel them). They stay after healing: they are
   * how EC2 is, not a fault.
   */
  record AccountLimits(int associateBurst, double associateRate, int describeBurst, double describeRate)
      implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.ec2().setAccountThrottling(new AccountThrottling(new AccountThrottling.Bucket(associateBurst, associateRate),
          new AccountThrottling.Bucket(describeBurst, describeRate)));
    }
  }

  record Ec2Heal() implements FaultStep {
    public void apply(SimulatedCluster c) {
      c.ec2().healFaults();
    }
  }

  /** An operator moves EIP number {@code eip} (0-based) by hand to a reserved point of {@code node} (drift). */
  record OperatorMove(int eip, int node) implements FaultStep {
    public void apply(SimulatedCluster c) {
      ElasticIp e = c.topology().elasticIps().get(eip % c.topology().elasticIps().size());
      List<AttachmentPoint> points = c.topology().node(Topologies.node(node)).reservedPoints();
      if (!points.isEmpty()) {
        c.ec2().operatorAssociate(e, points.get(points.size() - 1));
      }
    }
  }

  /** An operator moves EIP number {@code eip} (0-based) by hand to an ENI outside the cluster. */
  record OperatorMoveOutside(int eip) implements FaultStep {
    public void apply(SimulatedCluster c) {
      List<ElasticIp> all = c.topology().elasticIps();
      int i = eip % all.size();
      c.ec2().operatorAssociate(all.get(i), AttachmentPoint.reserved("eni-0ff", "10.0.250." + (10 + i % 200)));
    }
  }

  /** An operator disassociates EIP number {@code eip} (0-based) by hand. */
  record OperatorDisassociate(int eip) implements FaultStep {
    public void apply(SimulatedCluster c) {
      List<ElasticIp> all = c.topology().elasticIps();
      c.ec2().operatorDisassociate(all.get(eip % all.size()));
    }
  }

  /** Nothing: just let time pass. */
  record Wait() implements FaultStep {
    public void apply(SimulatedCluster c) {}
  }
}
