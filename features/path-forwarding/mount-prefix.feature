Feature: The mount prefix is stripped and the rest of the target is forwarded

  The seed document: "the request will be forwarded verbatim (but with the endpoint's base URL
  prefix stripped) to the cluster". Contract clauses 1, 7 and 8.

  @core
  Rule: The proxy MUST forward the part of the target after the mount path

    # catches: forwards the mount prefix /api/kubernetes/proxy to the cluster
    @clause-1
    Scenario: The mount prefix is removed from the forwarded target
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received the request target "/api/v1/namespaces"

    # catches: drops the root path or forwards an empty request target
    @clause-7
    Scenario: The mount path with a trailing slash reaches the cluster root
      Given the cluster header is "alpha"
      And the request target is "/"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received the request target "/"

    # catches: adds a trailing slash to the cluster sub-path, or forwards the mount path itself
    @clause-7
    Scenario: The bare mount path reaches the cluster sub-path itself
      Given the cluster header is "prefixed"
      And the request target is ""
      When the client sends the request
      Then only cluster prefixed received the request
      And the cluster received the request target "/k8s/clusters/c-1"

  @extended @clause-8
  Rule: The proxy MUST NOT treat a path that merely starts with the mount path's characters as proxied

    # catches: matches the mount path as a bare string prefix, so /api/kubernetes/proxyfoo is proxied
    Scenario: A lookalike of the mount path is not proxied
      Given the cluster header is "alpha"
      And the request target is "foo/api/v1/namespaces"
      When the client sends the request
      Then the response status is 404
      And no cluster received any request
