@core @kube-api
Feature: ConfigMaps are created, patched and deleted through the proxy

  Requests are forwarded verbatim: method, path, body bytes and Content-Type (contract clauses 1, 9
  and 10; issue #16018 lost JSON bodies). On a real API server the proof is the cluster's state,
  read back directly from the cluster after the request went through the proxy. A merge patch and a
  strategic merge patch differ only in their Content-Type, which the cluster needs to apply them.

  Rule: A create, patch or delete sent through the proxy MUST change the cluster as it asks

    # catches: drops or re-encodes the JSON body of a POST
    @clause-10
    Scenario: A ConfigMap created through the proxy exists on kube-b
      Given ConfigMap "created-through-proxy" does not exist in namespace "kube-b" of cluster kube-b
      And the cluster header is "kube-b"
      And the request carries the service-account token of cluster kube-b
      And the request method is POST
      And the request target is "/api/v1/namespaces/kube-b/configmaps"
      And the request header Content-Type is "application/json"
      And the request body is '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"created-through-proxy"},"data":{"color":"red"}}'
      When the client sends the request
      Then the response status is 201
      And cluster kube-b holds ConfigMap "created-through-proxy" in namespace "kube-b" with data '{"color":"red"}'

    # catches: rewrites the merge-patch Content-Type, so the cluster cannot apply the patch
    @clause-10
    Scenario: A merge patch through the proxy changes and removes ConfigMap keys on kube-b
      Given ConfigMap "merge-patched" exists in namespace "kube-b" of cluster kube-b with data '{"color":"red","size":"small"}'
      And the cluster header is "kube-b"
      And the request carries the service-account token of cluster kube-b
      And the request method is PATCH
      And the request target is "/api/v1/namespaces/kube-b/configmaps/merge-patched"
      And the request header Content-Type is "application/merge-patch+json"
      And the request body is '{"data":{"size":null,"shape":"round"}}'
      When the client sends the request
      Then the response status is 200
      And cluster kube-b holds ConfigMap "merge-patched" in namespace "kube-b" with data '{"color":"red","shape":"round"}'

    # catches: accepts only JSON Content-Types and mangles the strategic-merge-patch one
    @clause-10
    Scenario: A strategic merge patch through the proxy changes a ConfigMap key on kube-b
      Given ConfigMap "strategic-patched" exists in namespace "kube-b" of cluster kube-b with data '{"color":"red","size":"small"}'
      And the cluster header is "kube-b"
      And the request carries the service-account token of cluster kube-b
      And the request method is PATCH
      And the request target is "/api/v1/namespaces/kube-b/configmaps/strategic-patched"
      And the request header Content-Type is "application/strategic-merge-patch+json"
      And the request body is '{"data":{"color":"blue"}}'
      When the client sends the request
      Then the response status is 200
      And cluster kube-b holds ConfigMap "strategic-patched" in namespace "kube-b" with data '{"color":"blue","size":"small"}'

    # catches: forwards DELETE as another method, or not at all
    @clause-9
    Scenario: A ConfigMap deleted through the proxy is gone from kube-b
      Given ConfigMap "deleted-through-proxy" exists in namespace "kube-b" of cluster kube-b with data '{"color":"red"}'
      And the cluster header is "kube-b"
      And the request carries the service-account token of cluster kube-b
      And the request method is DELETE
      And the request target is "/api/v1/namespaces/kube-b/configmaps/deleted-through-proxy"
      When the client sends the request
      Then the response status is 200
      And cluster kube-b holds no ConfigMap "deleted-through-proxy" in namespace "kube-b"
