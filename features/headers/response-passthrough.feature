@extended
Feature: The cluster's response reaches the client unchanged

  Upstream status, headers and body come back as the cluster sent them: no redirect is followed,
  no content coding is undone (contract clauses 38 to 40). The echo cluster is told through its
  query parameters which status, headers and body to answer with.

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
