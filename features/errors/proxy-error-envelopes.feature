@extended
Feature: Errors of the proxy itself use Backstage's JSON error envelope

  Backstage answers its own failures with {"error":{"name","message"},"request":{"method","url"},
  "response":{"statusCode"}} (contract section 8, clauses 20 and 43). Clients and dashboards
  parse it, so the shape is part of the contract.

  @clause-20
  Rule: The proxy MUST describe a refused request in the error envelope

    # catches: answers a bare 404, or an envelope that does not say which request failed
    Scenario: An unknown cluster is reported in the error envelope
      Given the cluster header is "nosuch"
      And the request target is "/api/v1/namespaces?limit=1"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'nosuch' not found"
      And the error envelope records method GET and a URL ending with "/api/v1/namespaces?limit=1"

  @clause-43
  Rule: The proxy MUST answer 500 with an envelope naming the cluster when the cluster cannot be reached

    # catches: answers 502 or 504, hangs, or reports the failure without naming the cluster
    Scenario: A cluster that refuses connections is reported as a request error
      Given the cluster header is "down"
      When the client sends the request
      Then the response is a 500 error named "Error" whose message starts with "Cluster 'down' request error"

    # catches: loses the method or the target of the failed request in the envelope
    Scenario: The request error records the failed request
      Given the cluster header is "down"
      And the request method is DELETE
      And the request target is "/api/v1/namespaces/x?dryRun=All"
      When the client sends the request
      Then the response is a 500 error named "Error" whose message starts with "Cluster 'down' request error"
      And the error envelope records method DELETE and a URL ending with "/api/v1/namespaces/x?dryRun=All"
