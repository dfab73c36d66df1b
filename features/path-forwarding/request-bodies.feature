@core @clause-10
Feature: Request bodies reach the cluster byte for byte

  Backstage 1.9.0 lost JSON bodies: a JSON parser mounted before the proxy consumed them and the
  request hung (issue #16018, fixed in plugin 0.9.3). Bodies are compared by length and SHA-256 of
  what the cluster read.

  Rule: The proxy MUST forward the request body and its Content-Type unchanged

    # catches: consumes or re-serialises JSON bodies before proxying
    @issue-16018
    Scenario: A JSON body is forwarded unchanged
      Given the cluster header is "alpha"
      And the request method is POST
      And the request header Content-Type is "application/json"
      And the request body is '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}'
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received the request body unchanged
      And the cluster received header Content-Type with value "application/json"

    # catches: rewrites the patch media type to application/json
    Scenario: A merge-patch body keeps its media type
      Given the cluster header is "alpha"
      And the request method is PATCH
      And the request header Content-Type is "application/merge-patch+json"
      And the request body is '{"metadata":{"labels":{"a":"b"}}}'
      When the client sends the request
      Then the cluster received the request body unchanged
      And the cluster received header Content-Type with value "application/merge-patch+json"

    # catches: decodes the body as text, or truncates bodies larger than a buffer
    Scenario: A two-mebibyte binary body is forwarded unchanged
      Given the cluster header is "alpha"
      And the request method is POST
      And the request header Content-Type is "application/octet-stream"
      And the request body is 2097152 random bytes
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received the request body unchanged

    # catches: drops or truncates a request body sent with chunked transfer coding
    Scenario: A chunked request body is forwarded unchanged
      Given the cluster header is "alpha"
      And the request method is PUT
      And the request body is 65536 random bytes sent chunked
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received the request body unchanged

    # catches: drops the body of a DELETE (Kubernetes reads DeleteOptions from it)
    Scenario: A DELETE body is forwarded unchanged
      Given the cluster header is "alpha"
      And the request method is DELETE
      And the request header Content-Type is "application/json"
      And the request body is '{"propagationPolicy":"Foreground"}'
      When the client sends the request
      Then the cluster received method DELETE
      And the cluster received the request body unchanged
