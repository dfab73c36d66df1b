@security
Feature: A malformed request is refused before anything reaches a cluster

  A proxy that parses a request head differently from the server behind it can be made to smuggle
  a second request, or a header the caller may not set, past its own checks (request smuggling,
  header injection). So a head that HTTP/1.1 forbids, or that two parsers could read two ways, is
  answered with a 4xx by the proxy and never forwarded. Cluster alpha is plain HTTP; nothing about
  it makes these requests acceptable.

  Rule: The proxy MUST refuse a header value holding a CR, LF or NUL byte, and forward nothing

    # catches: passes control bytes on, letting a caller split one header into two at the cluster
    Scenario Outline: A header value with a <byte> byte is refused
      Given the cluster header is "alpha"
      And the request header X-Note has a <byte> byte inside its value
      When the client sends the request
      Then the response status is 4xx
      And no cluster received any request

      Examples:
        | byte |
        | CR   |
        | LF   |
        | NUL  |

  Rule: The proxy MUST refuse an oversized request head, and forward nothing

    # A server that stops reading an oversized head may answer 431 and close while the client is
    # still sending; the client then sees the connection reset instead of the status, so a closed
    # connection counts as a refusal too (Backstage answers this way).
    # catches: accepts heads of any size, so one client can exhaust the proxy's memory
    Scenario: A 64 KiB header value is refused
      Given the cluster header is "alpha"
      And the request header X-Note is 65536 bytes long
      When the client sends the request, which the proxy may refuse by closing the connection
      Then the proxy refused the request with a 4xx or by closing the connection
      And no cluster received any request

    # catches: accepts any number of header lines
    Scenario: Five thousand header lines are refused
      Given the cluster header is "alpha"
      And the request carries 5000 more headers
      When the client sends the request, which the proxy may refuse by closing the connection
      Then the proxy refused the request with a 4xx or by closing the connection
      And no cluster received any request

  Rule: The proxy MUST refuse a request whose body length can be read two ways, and forward nothing

    # catches: picks one of two different Content-Length values, while the cluster may pick the other
    Scenario: Two different Content-Length values are refused
      Given the cluster header is "alpha"
      And the request method is POST
      And the request header Content-Length is "5"
      And the request header Content-Length is "7"
      And the request body is "hello"
      When the client sends the request
      Then the response status is 4xx
      And no cluster received any request

    # catches: forwards Content-Length together with Transfer-Encoding, the classic smuggling pair
    Scenario: Content-Length together with chunked Transfer-Encoding is refused
      Given the cluster header is "alpha"
      And the request method is POST
      And the request header Content-Length is "4"
      And the request body is 16 random bytes sent chunked
      When the client sends the request
      Then the response status is 4xx
      And no cluster received any request

  Rule: The proxy MUST answer a request without a body that announces trailers

    # A Trailer header names fields sent after a chunked body; on a request without a body there is
    # nothing to wait for. Backstage never answers such a request (observed: hdr-trailer-get).
    # catches: waits for trailers that a request without a body never sends, and hangs
    Scenario: A GET announcing a trailer is answered
      Given the cluster header is "alpha"
      And the request header Trailer is "X-Checksum"
      When the client sends the request and waits at most 5 seconds for the answer
      Then the response comes from cluster alpha
