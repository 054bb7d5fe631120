/** The EC2 binding on AWS SDK for Java v2. Exports only API packages. */
module io.eipfailover.aws {
  requires transitive io.eipfailover.core;
  // SDK types in the API: Ec2Client, Region, credentials providers, interceptors, retry strategies,
  // the IMDS HTTP client.
  requires transitive software.amazon.awssdk.services.ec2;
  requires transitive software.amazon.awssdk.core;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.imds;
  requires transitive software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.utils;
  requires org.slf4j;
  requires static transitive micrometer.core;

  exports io.eipfailover.aws;
  exports io.eipfailover.aws.metrics;
}
