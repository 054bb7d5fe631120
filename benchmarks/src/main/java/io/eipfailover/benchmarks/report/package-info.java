/**
 * Turns the harness and JMH CSVs into {@code summary.md} (targets met / missed) and a PNG chart.
 * Not API.
 */
package io.eipfailover.benchmarks.report;
