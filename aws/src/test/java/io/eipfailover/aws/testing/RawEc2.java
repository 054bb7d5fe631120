package io.eipfailover.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Hand-made EC2 Query API requests, for tests that send what the SDK never would (unknown
 * parameters, bad values, no signature, a foreign Region): the form body exactly as given, signed
 * by the SDK's own SigV4 signer (so it also checks the fake's verifier against an independent
 * implementation), sent with the JDK's HTTP client, which keeps the body of a 401.
 */
public final class RawEc2 {
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  /** An answer: HTTP status and body (XML or EC2's error envelope). */
  public record Answer(int status, String body) {
    /** The EC2 error code of an error envelope, or empty. */
    public String code() {
      int from = body.indexOf("<Code>");
      return from < 0 ? "" : body.substring(from + 6, body.indexOf("</Code>", from));
    }
  }

  public RawEc2(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Parameters in order, {@code Version=2016-11-15} first unless given. */
  public static Map<String, String> params(String action, String... keyValues) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Action", action);
    p.put("Version", "2016-11-15");
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  /** Sends {@code params} signed for {@code region} with the given credentials. */
  public Answer signed(Map<String, String> params, String region, String accessKeyId, String secret) {
    String body = form(params);
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body));
    signed.request().forEachHeader((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        values.forEach(v -> b.header(name, v));
      }
    });
    return send(b.build());
  }

  /** Sends {@code params} with no signature at all. */
  public Answer unsigned(Map<String, String> params) {
    return send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params))).build());
  }

  /** Sends {@code params} with exactly this {@code Authorization} header and {@code X-Amz-Date}. */
  public Answer withAuthorization(Map<String, String> params, String authorization, String amzDate) {
    return send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", authorization).header("X-Amz-Date", amzDate)
        .POST(HttpRequest.BodyPublishers.ofString(form(params))).build());
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String form(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }
}
