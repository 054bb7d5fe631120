package io.eipfailover.aws.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header the way EC2 does, written from
 * the published algorithm: canonical request (method, URI, sorted query, the signed headers
 * lower-cased and trimmed, the payload's SHA-256), string to sign over the credential scope
 * {@code date/region/ec2/aws4_request}, and the HMAC-SHA256 key chain from {@code "AWS4" +
 * secret}. Query-string (pre-signed) authentication is not supported: such a request counts as
 * unsigned.
 *
 * <p>Which EC2 error each problem gets (EC2 answers 401 for credentials it cannot validate):
 *
 * <pre>
 * no Authorization header                        MissingAuthenticationToken  401
 * header not AWS4-HMAC-SHA256, or missing parts  IncompleteSignature         400
 * no X-Amz-Date, host not signed                 IncompleteSignature         400
 * scope not date/REGION/ec2/aws4_request of this
 *   fake, or its date not the X-Amz-Date's day   AuthFailure                 401
 * unknown access key, wrong secret, any change
 *   to a signed part of the request              AuthFailure                 401
 * </pre>
 *
 * The request time is not compared with the fake's clock (tests run the fake on virtual time while
 * the SDK signs with the real one), so EC2's {@code RequestExpired} never occurs here. Stateless
 * apart from the account; thread-safe.
 */
final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final FakeAccount account;

  SigV4Verifier(FakeAccount account) {
    this.account = account;
  }

  /**
   * Returns the access key id that signed the request, or throws EC2's error.
   *
   * @param headers every header, names in any case, each with its values in arrival order
   */
  String verify(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    String authorization = first(lower, "authorization");
    if (authorization == null || authorization.isBlank()) {
      throw new Ec2ErrorException(401, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }
    if (!authorization.startsWith(ALGORITHM + " ")) {
      throw incomplete("Unsupported signing algorithm; EC2 takes " + ALGORITHM);
    }
    Map<String, String> parts = parts(authorization.substring(ALGORITHM.length() + 1));
    String credential = parts.get("Credential");
    String signedHeaders = parts.get("SignedHeaders");
    String signature = parts.get("Signature");
    if (credential == null || signedHeaders == null || signature == null) {
      throw incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. "
          + "Authorization=" + authorization);
    }
    String[] scope = credential.split("/", -1);
    if (scope.length != 5) {
      throw incomplete("Credential must be <key>/<date>/<region>/<service>/aws4_request, was " + credential);
    }
    String amzDate = first(lower, "x-amz-date");
    if (amzDate == null || !amzDate.matches("\\d{8}T\\d{6}Z")) {
      throw incomplete("Authorization header requires existence of a valid 'X-Amz-Date' header, was " + amzDate);
    }
    List<String> signed = List.of(signedHeaders.split(";"));
    if (!signed.contains("host")) {
      throw incomplete("'Host' must be a signed header. SignedHeaders=" + signedHeaders);
    }
    if (!scope[1].equals(amzDate.substring(0, 8)) || !scope[3].equals("ec2") || !scope[4].equals("aws4_request")) {
      throw authFailure("Credential should be scoped to a valid date, the service 'ec2' and 'aws4_request', was "
          + String.join("/", scope[1], scope[2], scope[3], scope[4]));
    }
    if (!scope[2].equals(account.region())) {
      throw authFailure("Credential should be scoped to a valid region, not '" + scope[2] + "'. This endpoint serves '"
          + account.region() + "'.");
    }
    String accessKeyId = scope[0];
    String secret = account.secretOf(accessKeyId).orElseThrow(() -> authFailure(
        "AWS was not able to validate the provided access credentials"));
    byte[] given;
    try {
      given = HEX.parseHex(signature);
    } catch (IllegalArgumentException e) {
      throw incomplete("Signature must be hexadecimal, was " + signature);
    }
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac(key, scope[2]);
    key = hmac(key, scope[3]);
    key = hmac(key, scope[4]);
    String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
    for (Map<String, List<String>> candidate : asSent(lower)) {
      String canonical = canonicalRequest(method, path, rawQuery, candidate, signed, body);
      String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n"
          + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
      if (MessageDigest.isEqual(hmac(key, stringToSign), given)) {
        return accessKeyId;
      }
    }
    throw authFailure("AWS was not able to validate the provided access credentials");
  }

  /**
   * The headers as the client may have sent them. Jetty (under WireMock) hands over a cached
   * spelling of well-known {@code Content-Type} values: the SDK's {@code ...; charset=utf-8}
   * arrives as {@code ...; charset=UTF-8}. A signature covers the exact bytes, so the other
   * spelling of the charset is tried too; nothing else is ever rewritten.
   */
  private static List<Map<String, List<String>>> asSent(Map<String, List<String>> headers) {
    List<String> type = headers.get("content-type");
    if (type == null || type.size() != 1 || !type.get(0).contains("charset=UTF-8")) {
      return List.of(headers);
    }
    Map<String, List<String>> other = new TreeMap<>(headers);
    other.put("content-type", List.of(type.get(0).replace("charset=UTF-8", "charset=utf-8")));
    return List.of(headers, other);
  }

  private static String canonicalRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
      List<String> signed, byte[] body) {
    StringBuilder sb = new StringBuilder(method).append('\n').append(path.isEmpty() ? "/" : path).append('\n')
        .append(canonicalQuery(rawQuery)).append('\n');
    for (String name : signed) {
      List<String> values = headers.get(name);
      if (values == null) {
        throw incomplete("Signed header '" + name + "' is not in the request");
      }
      List<String> trimmed = values.stream().map(v -> v.strip().replaceAll("\\s+", " ")).toList();
      sb.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    sb.append('\n').append(String.join(";", signed)).append('\n');
    String declared = first(headers, "x-amz-content-sha256");
    String actual = HEX.formatHex(sha256(body));
    if (declared != null && !declared.equals("UNSIGNED-PAYLOAD") && !declared.equalsIgnoreCase(actual)) {
      throw authFailure("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return sb.append(declared != null && signed.contains("x-amz-content-sha256") ? declared : actual).toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      sorted.computeIfAbsent(encode(k), x -> new ArrayList<>()).add(encode(v));
    }
    List<String> out = new ArrayList<>();
    sorted.forEach((k, vs) -> vs.stream().sorted().forEach(v -> out.add(k + "=" + v)));
    return String.join("&", out);
  }

  /** RFC 3986 unreserved characters stay, everything else is %XX (upper case), as SigV4 requires. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return sb.toString();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Map<String, String> parts(String s) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String p : s.split(",")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        parts.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
      }
    }
    return parts;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no HmacSHA256 in this JVM", e);
    }
  }

  private static Ec2ErrorException incomplete(String message) {
    return new Ec2ErrorException(400, "IncompleteSignature", message);
  }

  private static Ec2ErrorException authFailure(String message) {
    return new Ec2ErrorException(401, "AuthFailure", message);
  }
}
