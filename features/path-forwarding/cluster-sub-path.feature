@core
Feature: A cluster URL with a path keeps it

  Rancher-style cluster URLs such as https://host/k8s/clusters/c-1 carry a path. Backstage drops
  it before plugin 0.11.2 (the bug PR #18582 fixed); the seed document's "forwarded verbatim"
  requires it in both profiles. The standard topology has prefixed (url path /k8s/clusters/c-1)
  and prefixed-slash (url path /k8s/clusters/c-2/, with a trailing slash).

  @clause-3
  Rule: The proxy MUST put the cluster URL's path in front of the forwarded target

    # catches: drops the cluster sub-path, as Backstage 1.9 did
    Scenario: The cluster sub-path is kept in front of the path and query
      Given the cluster header is "prefixed"
      And the request target is "/api/v1/namespaces?labelSelector=a%3Db&watch=1"
      When the client sends the request
      Then only cluster prefixed received the request
      And the cluster received the request target "/k8s/clusters/c-1/api/v1/namespaces?labelSelector=a%3Db&watch=1"

  @clause-5
  Rule: The proxy MUST NOT produce a double slash where the sub-path and the target meet

    # Contract clause 5.
    # catches: joins a sub-path that ends with a slash to the target with //
    Scenario: A cluster sub-path ending with a slash is joined without a double slash
      Given the cluster header is "prefixed-slash"
      And the request target is "/api/v1/pods"
      When the client sends the request
      Then only cluster prefixed-slash received the request
      And the cluster received the request target "/k8s/clusters/c-2/api/v1/pods"
