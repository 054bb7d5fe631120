/**
 * Test kit of the aws module, published in its test-jar: {@link io.eipfailover.aws.testing.Ec2Fake},
 * a stateful fake of the EC2 Query API and IMDSv2 served by WireMock on loopback, checked against
 * EC2's published service model, with SigV4 authentication, account-wide throttling ({@link
 * io.eipfailover.aws.testing.Ec2Throttling}), fault injection ({@link
 * io.eipfailover.aws.testing.Ec2Faults}), a call log ({@link io.eipfailover.aws.testing.Ec2Call})
 * and a control API for other processes ({@link io.eipfailover.aws.testing.FakeControl}). Free of
 * JUnit: examples and benchmarks run it from a {@code main}. Needs {@code
 * org.wiremock:wiremock-standalone} on the class path. How close it is to EC2: {@code
 * docs/ec2-fake.md}.
 */
package io.eipfailover.aws.testing;
