@extended
Feature: The cluster's response reaches the client unchanged

  Upstream status, headers and body come back as the cluster sent them: no redirect is followed,
  no content coding is undone (contract clauses 38 to 40). The echo cluster is told through its
  query parameters which status, headers and body to answer with, and records the head it wrote,
  so the whole-head rules compare every header, not a chosen few; only hop-by-hop headers and
  framing may differ.

  @clause-38
  Rule: The proxy MUST relay response headers as the cluster sent them

    # catches: strips Set-Cookie from cluster responses
    Scenario: A Set-Cookie response header reaches the client
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?echoHeader=Set-Cookie:session%3Dabc%3B%20Path%3D%2F"
      When the client sends the request
      Then the response status is 200
      And the response header Set-Cookie is "session=abc; Path=/"

    # The Location points at a closed port, so a proxy that follows it cannot answer 302.
    # catches: follows upstream redirects, or rewrites Location
    @clause-39
    Scenario: A redirect from the cluster is relayed, not followed
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?echoStatus=302&echoHeader=Location:http%3A%2F%2F127.0.0.1%3A9%2Felsewhere"
      When the client sends the request
      Then the response status is 302
      And the response header Location is "http://127.0.0.1:9/elsewhere"
      And only cluster alpha received the request

  Rule: The proxy MUST relay the response body bytes unchanged

    # catches: decompresses a gzip body (and drops Content-Encoding) on the way back
    @clause-40
    Scenario: A gzip-encoded response is relayed still compressed
      Given the cluster header is "alpha"
      And the request header Accept-Encoding is "gzip"
      And the request target is "/api/v1/namespaces?echoGzip=true"
      When the client sends the request
      Then the response status is 200
      And the response body is gzip-compressed JSON from cluster alpha

    # catches: truncates response bodies larger than a buffer
    @clause-38
    Scenario: A one-mebibyte response body is relayed whole
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?echoBodyBytes=1048576"
      When the client sends the request
      Then the response status is 200
      And the response body is 1048576 bytes long

  @clause-38
  Rule: The proxy MUST relay the cluster's status and every end-to-end response header unchanged and in order

    # Warning carries cache and deprecation notes kubectl shows; cookies are order-sensitive.
    # catches: drops Warning or Set-Cookie, reorders repeated headers, or rewrites a header value
    Scenario: Warning, repeated Set-Cookie and an unusual header reach the client as sent
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?echoStatus=203&echoHeader=Warning:299%20-%20%22deprecated%20API%22&echoHeader=Set-Cookie:a%3D1%3B%20Path%3D%2F&echoHeader=Set-Cookie:b%3D2&echoHeader=X-Unusual_Trace:MiXed%20%20Case"
      When the client sends the request
      Then the client received the status the cluster sent
      And the client received every header the cluster sent, unchanged and in order

    # catches: replaces the cluster's 5xx answer and its headers by one of its own
    Scenario: A 503 from the cluster reaches the client with its headers
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?echoStatus=503&echoHeader=Retry-After:7&echoHeader=Warning:199%20-%20%22overloaded%22"
      When the client sends the request
      Then the client received the status the cluster sent
      And the client received every header the cluster sent, unchanged and in order

  Rule: The proxy MUST NOT add headers to the cluster's response

    # Backstage's host adds helmet's security headers to every response.
    # catches: adds a response header of its own (security headers, Server, Via, X-Powered-By)
    Scenario: The client receives no response header the cluster did not send
      Given the cluster header is "alpha"
      When the client sends the request
      Then the client received no header the cluster did not send

    # catches: adds a response header of its own to an answer it relays with a body stream
    Scenario: A watch stream gains no response header on the way to the client
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?watch=1&echoEvents=2&echoIntervalMs=10"
      When the client sends the request
      Then the client received no header the cluster did not send
