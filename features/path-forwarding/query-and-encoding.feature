@core
Feature: Path, query and percent-encoding reach the cluster byte for byte

  "Forwarded verbatim" (seed document; contract clauses 2 and 6): Kubernetes clients put label
  and field selectors in the query and object names in the path; decoding and re-encoding either
  changes which objects the API server returns.

  @clause-2
  Rule: The proxy MUST forward the query string exactly as received

    # catches: re-encodes the query (%3D to =, + to %20), drops empty values or merges repeated keys
    Scenario: A query with selectors, repeated keys and empty values is forwarded unchanged
      Given the cluster header is "alpha"
      And the request target is "/api/v1/pods?fieldSelector=metadata.name%3Dx&a=1&a=2&p=%2Fx%20y&empty=&q=a+b"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received the request target "/api/v1/pods?fieldSelector=metadata.name%3Dx&a=1&a=2&p=%2Fx%20y&empty=&q=a+b"

  @clause-6
  Rule: The proxy MUST forward percent-encoded path bytes without decoding them

    # catches: decodes and re-encodes percent-escapes in the path (%2F to /, %2f to %2F, %C3%A9 to é),
    # or normalises escapes of unreserved characters as RFC 3986 allows a URI user to (%61 to a)
    Scenario Outline: The encoded path <target> reaches the cluster unchanged
      Given the cluster header is "alpha"
      And the request target is "<target>"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received the request target "<target>"

      Examples:
        | target                               |
        | /api/v1/namespaces/a%2Fb/pods        |
        | /api/v1/namespaces/a%2fb/pods        |
        | /api/v1/namespaces/caf%C3%A9         |
        | /api/v1/namespaces/a%20b/configmaps  |
        | /api/v1/namespaces/%61b              |
        | /api/v1/namespaces/x%7Ey             |
