/**
 * Test kit of the aws module, published in its test-jar: {@link io.eipfailover.aws.testing.Ec2Fake},
 * a stateful fake of the EC2 Query API and IMDSv2 served by WireMock on loopback, with fault
 * injection ({@link io.eipfailover.aws.testing.Ec2Faults}) and a call log ({@link
 * io.eipfailover.aws.testing.Ec2Call}). Free of JUnit: examples and benchmarks run it from a
 * {@code main}. Needs {@code org.wiremock:wiremock-standalone} on the class path.
 */
package io.eipfailover.aws.testing;
