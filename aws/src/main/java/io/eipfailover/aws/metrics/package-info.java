/**
 * Micrometer meters for the EC2 binding: {@link io.eipfailover.aws.metrics.Ec2Metrics}, an SDK
 * interceptor that times and counts every EC2 call of the client it is added to. Micrometer is an
 * optional dependency: only this package refers to it (see {@code io.eipfailover.core.metrics}
 * and {@code docs/metrics.md}).
 */
package io.eipfailover.aws.metrics;
