package io.eipfailover.aws.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code MaxResults} / {@code NextToken} for the describes whose model has them, as EC2 documents
 * them: {@code MaxResults} cannot be combined with explicit ids ({@code
 * InvalidParameterCombination}); without it every result comes back, unless the fake's page cap
 * is set (EC2 may always answer fewer items than asked, with a token for the rest). A token is
 * opaque, valid only for the same query (same ids and filters), and otherwise {@code
 * InvalidPaginationToken}. Results are filtered before they are paged, in the fake's stable order.
 */
final class Paging {
  /** One page and the token for the next, or null on the last page. */
  record Page<T>(List<T> items, String nextToken) {}

  private Paging() {}

  /** Rejects {@code MaxResults} with explicit ids; call before looking at the ids. */
  static void checkIds(QueryRequest req, String idsParam) {
    if (req.get("MaxResults").isPresent() && !req.list(idsParam).isEmpty()) {
      throw Ec2ErrorException.combination("The parameter " + idsParam + " cannot be used with the parameter MaxResults");
    }
  }

  /** The page of {@code all} this request asks for. */
  static <T> Page<T> page(Ec2Context ctx, List<T> all) {
    QueryRequest req = ctx.req;
    int from = req.get("NextToken").map(t -> decode(t, fingerprint(req))).orElse(0);
    if (from > all.size()) {
      throw invalidToken();
    }
    int size = Math.min(req.integer("MaxResults").orElse(Integer.MAX_VALUE), ctx.maxPageSize);
    int to = (int) Math.min(all.size(), (long) from + size);
    String next = to < all.size() ? encode(to, fingerprint(req)) : null;
    return new Page<>(List.copyOf(all.subList(from, to)), next);
  }

  /** Every parameter that defines the query, so a token cannot be replayed against another one. */
  private static String fingerprint(QueryRequest req) {
    Map<String, String> p = new TreeMap<>(req.params());
    p.keySet().removeAll(List.of("NextToken", "MaxResults", "DryRun", "Version"));
    return Integer.toHexString(p.toString().hashCode());
  }

  private static String encode(int offset, String fingerprint) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("v1:" + offset + ":" + fingerprint).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String token, String fingerprint) {
    try {
      String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
      if (p.length == 3 && p[0].equals("v1") && p[2].equals(fingerprint)) {
        int offset = Integer.parseInt(p[1]);
        if (offset > 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      throw invalidToken();
    }
    throw invalidToken();
  }

  private static Ec2ErrorException invalidToken() {
    return new Ec2ErrorException(400, "InvalidPaginationToken", "The specified pagination token is not valid or is expired.");
  }
}
