@core
Feature: A request without a usable cluster header is refused

  With more than one cluster configured, a request that names no cluster cannot be routed. The two
  profiles refuse it differently: Backstage today answers 404 and quotes the missing value as
  'undefined' (contract clauses 14, 15); Backstage 1.9 answers 400 (clause 18).

  @profile-backstage-current
  Rule: The proxy MUST answer 404 when the cluster header is absent or empty

    # catches: routes a header-less request to the first configured cluster
    @clause-14
    Scenario: A request without the cluster header is answered 404
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'undefined' not found"
      And no cluster received any request

    # catches: treats an empty header value as a wildcard or as the first cluster
    @clause-15
    Scenario: An empty cluster header is answered 404
      Given the cluster header is ""
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster '' not found"
      And no cluster received any request

    # Backstage renamed the header in plugin 0.10.0; the old name is ignored since.
    # catches: still honours the 1.9 header name X-Kubernetes-Cluster
    @clause-12
    Scenario: The Backstage 1.9 header name selects nothing today
      Given the request header X-Kubernetes-Cluster is "alpha"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'undefined' not found"
      And no cluster received any request

  @profile-backstage-1.9 @clause-18
  Rule: The proxy MUST answer 400 when the cluster header is absent or empty

    # catches: routes a header-less request to the first configured cluster
    Scenario: A request without X-Kubernetes-Cluster is answered 400
      When the client sends the request
      Then the response is a 400 error named "InputError" with message "Missing 'X-Kubernetes-Cluster' header."
      And no cluster received any request

    # catches: treats an empty header value as a cluster name
    Scenario: An empty X-Kubernetes-Cluster header is answered 400
      Given the cluster header is ""
      When the client sends the request
      Then the response is a 400 error named "InputError" with message "Missing 'X-Kubernetes-Cluster' header."
      And no cluster received any request

    # catches: honours the later header name Backstage-Kubernetes-Cluster in 1.9 mode
    @clause-11
    Scenario: The current Backstage header name selects nothing in 1.9
      Given the request header Backstage-Kubernetes-Cluster is "alpha"
      When the client sends the request
      Then the response is a 400 error named "InputError" with message "Missing 'X-Kubernetes-Cluster' header."
      And no cluster received any request
