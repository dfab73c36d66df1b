@core @kube-api
Feature: Namespaces are listed from the Kubernetes API cluster the header selects

  The seed document's own example fetches namespaces: GET /api/v1/namespaces with the cluster
  header and a bearer token (contract clauses 1 and 25). On a real API server the answer says which
  cluster answered: each Kubernetes API cluster of the topology holds a namespace named after its id,
  and no other cluster holds that namespace.

  @clause-1 @clause-11
  Rule: The namespace list MUST come from the cluster named in the cluster header

    # catches: sends every request to the first configured Kubernetes API cluster
    Scenario: The namespaces of kube-b are listed when kube-b is selected
      Given the cluster header is "kube-b"
      And the request carries the service-account token of cluster kube-b
      When the client sends the request
      Then the response lists the namespaces of cluster kube-b

  @profile-backstage-current @clause-28
  Rule: Without a cluster token from the caller the proxy MUST authenticate with the token configured for the cluster

    # Backstage's serviceAccount auth provider adds the configured token (contract clause 28).
    # catches: forwards the request to the cluster without the configured service-account token
    Scenario: The namespaces of kube-b are listed with the configured service-account token
      Given the cluster header is "kube-b"
      When the client sends the request
      Then the response lists the namespaces of cluster kube-b
