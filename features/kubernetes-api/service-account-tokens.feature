@kube-api
Feature: A valid service-account token reaches the Kubernetes API cluster, a wrong one gets the cluster's 401

  The seed document: "Bearer tokens will be forwarded as-is" (contract clauses 25 and 26). A real
  API server is the judge of a token: it accepts its own service account's token and refuses any
  other with 401 and a Status body whose reason is Unauthorized. The proxy relays that answer as it
  is (contract clause 38), so a client can tell a token the cluster refused from an error of the
  proxy itself.

  @core @clause-25
  Rule: A service-account token sent by the caller MUST reach the cluster as-is

    # catches: re-encodes or replaces the caller's token, so the cluster refuses it
    Scenario: The service-account token of kube-b sent by the caller is accepted by kube-b
      Given the cluster header is "kube-b"
      And the request carries the service-account token of cluster kube-b
      And the request target is "/api/v1/namespaces/kube-b"
      When the client sends the request
      Then the response status is 200

  @extended @clause-38
  Rule: The proxy MUST relay the cluster's 401 and its Status body byte for byte

    # catches: replaces the cluster's 401 with an error envelope or a status of its own
    Scenario: A wrong cluster token gets the 401 Status of kube-b
      Given the cluster header is "kube-b"
      And the request carries the cluster token "Bearer not-a-token-of-kube-b"
      When the client sends the request
      Then the response status is 401
      And the response is a Kubernetes Status with reason "Unauthorized" and code 401
      And the response is what cluster kube-b answers directly to the same request
