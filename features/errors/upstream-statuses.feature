@extended @clause-38
Feature: Error statuses of the cluster reach the client unchanged

  A Kubernetes API server reports denied, missing and conflicting objects with 4xx and 5xx statuses
  and a Status body; the proxy relays them as they are (contract clause 38) so a client can tell an
  unknown cluster (the proxy's 404) from an unknown object (the cluster's 404).

  Rule: The proxy MUST relay the cluster's status and body, not replace them with its own

    # catches: replaces the cluster's error status or body with an envelope of its own
    Scenario Outline: The cluster status <status> reaches the client with the cluster's body
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/x?echoStatus=<status>"
      When the client sends the request
      Then the response status is <status>
      And the response comes from cluster alpha

      Examples:
        | status |
        | 403    |
        | 404    |
        | 409    |
        | 418    |
        | 500    |
        | 503    |
