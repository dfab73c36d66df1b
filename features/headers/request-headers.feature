@extended
Feature: Request headers on the way to the cluster

  Besides credentials and the cluster header, the cluster sees the caller's end-to-end headers as
  sent, a Host naming the cluster, and nothing the proxy made up (contract clauses 35 and 36).
  The whole-head rules compare every header, not a chosen few, so a change to a header nobody
  thought of is seen; only Host, the profile's credentials and cluster header, hop-by-hop headers
  and framing may differ (contract clauses 25 to 37).

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

  @clause-1 @clause-2
  Rule: The proxy MUST forward the caller's request line with only the mount prefix removed

    # catches: keeps the mount prefix, rewrites the method, or re-encodes the query
    Scenario: A PATCH request line with an encoded query reaches the cluster as sent
      Given the cluster header is "alpha"
      And the request method is PATCH
      And the request target is "/api/v1/namespaces/default/configmaps/c?fieldManager=a%3Db&labelSelector=x+y"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received the request line the client sent, without the mount prefix

  @clause-36
  Rule: The proxy MUST forward every end-to-end header of the caller unchanged and in order

    # nginx drops header names with an underscore by default. Repeated lines may arrive joined into
    # one line in their order, as Node joins them: RFC 9110 (5.3) makes that the same field.
    # catches: drops, reorders or rewrites a request header that no scenario names
    Scenario: An unusual request head reaches the cluster header for header
      Given the cluster header is "alpha"
      And the request header X-Trace-Context is "Tenant=Blue;  Span=7F"
      And the request header Legacy_Tenant is "t-1"
      And the request header X-Repeated is "first"
      And the request header X-Repeated is "second"
      And the request header Accept is "application/json;as=Table;v=v1;g=meta.k8s.io"
      And the request header Warning is '199 - "stale"'
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received every end-to-end header the client sent, unchanged and in order

    # Connection and the header it names belong to the client's connection, not to the cluster's.
    # catches: drops or rewrites the end-to-end headers next to credentials and hop-by-hop headers
    Scenario: Credentials and hop-by-hop headers leave the rest of the request head alone
      Given the cluster header is "alpha"
      And the request carries the cluster token "Bearer head-token"
      And the request header Cookie is "session=abc"
      And the request header Connection is "close, X-Hop-Note"
      And the request header X-Hop-Note is "for the proxy"
      And the request header Keep-Alive is "timeout=5"
      And the request header X-Custom is "Kept As Sent"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received every end-to-end header the client sent, unchanged and in order

  @clause-36
  Rule: The proxy MUST NOT add request headers other than Host and the cluster token

    # catches: adds a header of its own (User-Agent, X-Forwarded-For, Via, a request id)
    Scenario: A plain request gains no header on the way to the cluster
      Given the cluster header is "alpha"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received no header the client did not send, apart from Host and the cluster token

    # catches: adds a header of its own next to credentials and hop-by-hop headers
    Scenario: A request with credentials gains nothing but the cluster token
      Given the cluster header is "alpha"
      And the request carries the cluster token "Bearer head-token"
      And the request header Cookie is "session=abc"
      And the request header Connection is "close, X-Hop-Note"
      And the request header X-Hop-Note is "for the proxy"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received no header the client did not send, apart from Host and the cluster token

    # An HTTP client library adds Content-Type: application/octet-stream to a body without one.
    # catches: adds a header of its own to a request with a body, such as a default Content-Type
    Scenario: A body without Content-Type gains no header on the way to the cluster
      Given the cluster header is "alpha"
      And the request method is POST
      And the request body is 64 random bytes
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received no header the client did not send, apart from Host and the cluster token
      And the cluster received the request body unchanged
