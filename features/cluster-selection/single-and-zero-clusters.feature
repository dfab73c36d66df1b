@core @reconfigures-proxy
Feature: Selection when one cluster or no cluster is configured

  These scenarios run a proxy of their own, configured with fewer clusters than the standard
  topology. Since plugin 0.11.1 Backstage uses the only cluster when the header is missing
  (issue #18097); Backstage 1.9 always required the header.

  @profile-backstage-current @issue-18097
  Rule: With exactly one cluster the proxy MUST use it when the cluster header is absent

    # catches: still demands the header when only one cluster exists
    @clause-16
    Scenario: The only configured cluster is used without a cluster header
      Given a proxy configuration with only cluster gamma
      And the proxy is started on that configuration
      When the client sends the request
      Then the response status is 200
      And only cluster gamma received the request

    # clause 17: the fallback is for a missing header, not for a wrong one
    # catches: sends every request to the only cluster whatever name it carries
    @clause-17
    Scenario: A wrong name is refused even when only one cluster exists
      Given a proxy configuration with only cluster gamma
      And the proxy is started on that configuration
      And the cluster header is "nosuch"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'nosuch' not found"
      And no cluster received any request

  @profile-backstage-1.9 @clause-18
  Rule: In Backstage 1.9 the proxy MUST require the cluster header even with one cluster

    # catches: applies the later single-cluster fallback in 1.9 mode
    Scenario: The only cluster is not used without X-Kubernetes-Cluster in 1.9
      Given a proxy configuration with only cluster gamma
      And the proxy is started on that configuration
      When the client sends the request
      Then the response is a 400 error named "InputError" with message "Missing 'X-Kubernetes-Cluster' header."
      And no cluster received any request

  Rule: With no cluster configured the proxy MUST answer 404

    # catches: crashes, hangs or answers 5xx when the cluster list is empty
    @profile-backstage-current @clause-19
    Scenario: A proxy without clusters says that none are configured
      Given a proxy configuration with no clusters
      And the proxy is started on that configuration
      And the cluster header is "alpha"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "No Clusters configured"

    # catches: crashes, hangs or answers 5xx when the cluster list is empty
    @profile-backstage-1.9 @clause-18
    Scenario: A proxy without clusters does not find the named cluster in 1.9
      Given a proxy configuration with no clusters
      And the proxy is started on that configuration
      And the cluster header is "alpha"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'alpha' not found"
