@extended
Feature: Request headers on the way to the cluster

  Besides credentials and the cluster header, the cluster sees the caller's end-to-end headers as
  sent, a Host naming the cluster, and nothing the proxy made up (contract clauses 35 and 36).

  @clause-35
  Rule: The proxy MUST send the cluster's own authority as Host

    # Issue #18036: TLS virtual hosts and API gateways in front of clusters route by Host.
    # catches: forwards the client's Host to the cluster
    @issue-18036
    Scenario: A spoofed Host is replaced by the cluster's authority
      Given the cluster header is "alpha"
      And the request header Host is "evil.example:1234"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received a Host header naming its own address

  @clause-36
  Rule: The proxy MUST NOT add forwarding headers

    # catches: adds X-Forwarded-For, X-Forwarded-Host, X-Forwarded-Proto, Forwarded or Via
    Scenario: No forwarding header is added on the way to the cluster
      Given the cluster header is "alpha"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received none of the forwarding headers

  @clause-36
  Rule: The proxy MUST forward the caller's end-to-end headers unchanged

    # catches: rewrites or appends to the client's own X-Forwarded-For and Forwarded
    Scenario: The client's forwarding headers pass through unchanged
      Given the cluster header is "alpha"
      And the request header X-Forwarded-For is "203.0.113.9"
      And the request header Forwarded is "for=203.0.113.9;proto=https"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header X-Forwarded-For with value "203.0.113.9"
      And the cluster received header Forwarded with value "for=203.0.113.9;proto=https"

    # kubectl asks for server-side tables with this Accept header.
    # catches: drops or rewrites end-to-end request headers it does not know
    Scenario: Accept and custom request headers pass through unchanged
      Given the cluster header is "alpha"
      And the request header Accept is "application/json;as=Table;v=v1;g=meta.k8s.io"
      And the request header X-Request-Id is "req-42"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Accept with value "application/json;as=Table;v=v1;g=meta.k8s.io"
      And the cluster received header X-Request-Id with value "req-42"
