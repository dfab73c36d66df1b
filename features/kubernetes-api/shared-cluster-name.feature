@core @kube-api @issue-15901 @clause-22
Feature: A name shared by two Kubernetes API clusters lists the namespaces of the first located one

  Issue #15901: the proxy "cannot reliably target clusters who share the same name with another
  located cluster". Backstage resolves a name by first match over the locators in order (contract
  clause 22). On real API servers the namespace list shows which one answered: kube-a (first
  locator) holds namespace kube-a, kube-a-second (second locator, also named "kube-a") holds
  namespace kube-a-second.

  Rule: A request for a shared name MUST reach the cluster of the earliest locator

    # catches: picks the last cluster of that name, or alternates between them
    Scenario: The shared name kube-a lists the namespaces of the first located cluster
      Given the cluster header is "kube-a"
      And the request carries the service-account token of cluster kube-a
      When the client sends the request
      Then the response lists the namespaces of cluster kube-a

  @profile-backstage-current @clause-28
  Rule: The configured token used MUST be the one of the cluster that is reached

    # catches: pairs the URL of one duplicate with the service-account token of the other
    Scenario: The shared name kube-a is listed with the token configured for the first located cluster
      Given the cluster header is "kube-a"
      When the client sends the request
      Then the response lists the namespaces of cluster kube-a
