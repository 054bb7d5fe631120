package io.eipfailover.core.testing;

import io.eipfailover.core.ClusterTopology;
import io.eipfailover.core.NodeId;
import java.util.Random;

/**
 * What a {@link SimulatedCluster} gives the factories that build one node incarnation's parts.
 * A membership must bind its {@link SimNetwork} endpoint at {@code self.value()} (the cluster
 * unbinds that address when the node crashes) and run all its work on {@code scheduler}.
 *
 * @param self the node
 * @param incarnation 1 for the first start, +1 for each restart
 * @param topology the cluster
 * @param scheduler this incarnation's lane (paused, resumed and killed by the cluster)
 * @param network the simulated network
 * @param timings the cluster's timings
 * @param random a seeded random for this incarnation
 */
public record NodeContext(NodeId self, int incarnation, ClusterTopology topology, VirtualScheduler scheduler,
    SimNetwork network, SimTimings timings, Random random) {}
