@extended @kube-api @clause-41
Feature: A watch on ConfigMaps delivers events through the proxy while they happen

  kubectl, client-go and the Backstage frontend watch with GET ?watch=true: one chunked response of
  JSON lines, one per event, open for as long as the watch lasts (contract clause 41). The ConfigMap
  is created and deleted directly on the cluster, and deleted only once its ADDED event has reached
  the client (or after 15 s), so a proxy that holds the stream back until the watch ends is caught
  by the order of events.

  Rule: The proxy MUST deliver each watch event of the cluster while the watch is still open

    # catches: buffers the watch response until the cluster ends it
    Scenario: ADDED and DELETED events of a ConfigMap arrive through the proxy as they happen
      Given ConfigMap "watched" does not exist in namespace "kube-b" of cluster kube-b
      And the cluster header is "kube-b"
      And the request carries the service-account token of cluster kube-b
      And the request target is "/api/v1/namespaces/kube-b/configmaps?watch=true&timeoutSeconds=60"
      When the client watches while ConfigMap "watched" is created and then deleted in namespace "kube-b" of cluster kube-b
      Then the watch delivered an ADDED event for ConfigMap "watched" before it was deleted
      And the watch delivered a DELETED event for ConfigMap "watched"
