@core
Feature: The cluster header selects a cluster by its exact name

  The seed document: "The proxy will interpret the cluster header as the name of the cluster to
  target." The header is the profile's own: Backstage-Kubernetes-Cluster today, X-Kubernetes-Cluster
  in Backstage 1.9. Names come from the standard topology.

  @clause-11
  Rule: The proxy MUST forward the request to the cluster whose name equals the header value

    # catches: ignores the header and always uses the first configured cluster
    Scenario: The cluster header picks beta rather than the first configured cluster
      Given the cluster header is "beta"
      And the request carries the cluster token "Bearer token-for-beta"
      When the client sends the request
      Then the response status is 200
      And only cluster beta received the request
      And the response comes from cluster beta

    # catches: looks the header name up case-sensitively (HTTP field names are case-insensitive)
    Scenario: The cluster header is recognised in lower case
      Given the cluster header is spelled in lower case and is "gamma"
      When the client sends the request
      Then the response status is 200
      And only cluster gamma received the request

  Rule: The proxy MUST NOT select a cluster whose name merely resembles the header value

    # catches: matches names case-insensitively
    @clause-13
    Scenario: A cluster name in the wrong letter case selects nothing
      Given the cluster header is "ALPHA"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'ALPHA' not found"
      And no cluster received any request

    # catches: selects a cluster whose name the header value contains, as the unreleased first
    # version of PR #13026 did
    @clause-20
    Scenario: A name that contains a cluster name selects nothing
      Given the cluster header is "alpha-2"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'alpha-2' not found"
      And no cluster received any request

    # catches: selects the first cluster whose name starts with the header value
    @clause-20
    Scenario: A prefix of a cluster name selects nothing
      Given the cluster header is "alph"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'alph' not found"
      And no cluster received any request

    # catches: falls back to some cluster when the name is unknown
    @clause-20
    Scenario: An unknown cluster name is answered 404
      Given the cluster header is "nosuch"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'nosuch' not found"
      And no cluster received any request

  @clause-21
  Rule: The proxy MUST NOT pick one of several cluster header lines

    # Backstage joins repeated lines into one value, which names no cluster.
    # catches: uses the first (or last) of two cluster header lines
    Scenario: Two cluster header lines select nothing
      Given the cluster header is sent twice, as "alpha" and then "beta"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'alpha, beta' not found"
      And no cluster received any request
