package io.eipfailover.aws.testing;

/**
 * Answers no EC2 gives but an API path can (a proxy or load balancer in front of the endpoint, a
 * truncated or corrupted body, a client pointed at the wrong service): served by the {@link Ec2Fake}
 * instead of the request's real answer while {@link Ec2Faults#malformed} is set. The request is not
 * carried out.
 */
public enum Malformed {
  /** HTTP 502 with an HTML page, as a proxy in front of the endpoint answers. */
  HTML_5XX(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
      + "</h1></center><hr><center>nginx</center></body></html>"),
  /** HTTP 200 whose body is not XML at all. */
  GARBAGE_200(200, "text/xml;charset=UTF-8", "\u0000\u00ff this is { not XML"),
  /** HTTP 200 with well-formed XML of another service's answer: no element the client looks for. */
  WRONG_ROOT_200(200, "text/xml;charset=UTF-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
      + "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"),
  /**
   * HTTP 200 with the right root element but items missing their required members: for {@code
   * DescribeAddresses}, addresses with an allocation id and nothing else (no public IP, no
   * association); for other actions, the root element alone.
   */
  MISSING_FIELDS_200(200, "text/xml;charset=UTF-8", null);

  private final int status;
  private final String contentType;
  private final String body;

  Malformed(int status, String contentType, String body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  /** The body answering {@code req}. */
  String body(QueryRequest req) {
    if (body != null) {
      return body;
    }
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><").append(req.action())
        .append("Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>malformed</requestId>");
    if (req.action().equals("DescribeAddresses")) {
      sb.append("<addressesSet>");
      for (String id : req.list("AllocationId")) {
        sb.append("<item><allocationId>").append(id).append("</allocationId></item>");
      }
      sb.append("</addressesSet>");
    }
    return sb.append("</").append(req.action()).append("Response>").toString();
  }
}
