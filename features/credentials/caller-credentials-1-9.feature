@core @profile-backstage-1.9
Feature: Backstage 1.9 forwards the caller's Authorization and Cookie and adds none

  Backstage 1.9 had no credential logic (contract section 4.2): the caller's Authorization is the
  cluster token, whatever its scheme, its Cookie goes along as sent, and a configured
  service-account token is never used.

  @clause-33
  Rule: The proxy MUST forward the caller's Authorization unchanged, whatever its scheme

    # catches: forwards only Bearer credentials, or strips the caller's Authorization as Backstage does today
    Scenario: A Basic Authorization is forwarded unchanged in 1.9
      Given the cluster header is "alpha"
      And the request header Authorization is "Basic Zm9vOmJhcg=="
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Authorization with value "Basic Zm9vOmJhcg=="

    # Backstage-Kubernetes-Authorization means nothing in 1.9: it is an ordinary header there.
    # catches: takes the cluster token from Backstage-Kubernetes-Authorization, as later Backstage does
    Scenario: Backstage-Kubernetes-Authorization does not replace the caller's Authorization in 1.9
      Given the cluster header is "alpha"
      And the request header Authorization is "Basic Zm9vOmJhcg=="
      And the request header Backstage-Kubernetes-Authorization is "Bearer later-plugin-token"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Authorization with value "Basic Zm9vOmJhcg=="

  @clause-33
  Rule: The proxy MUST forward the caller's Cookie unchanged

    # catches: keeps the caller's Cookie from the cluster, as Backstage does since plugin 0.21.13
    Scenario: The caller's Cookie is forwarded unchanged in 1.9
      Given the cluster header is "alpha"
      And the request header Cookie is "backstage-session=abc123; theme=dark"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Cookie with value "backstage-session=abc123; theme=dark"

  @clause-28
  Rule: The proxy MUST NOT inject a configured service-account token

    # catches: injects the service-account token, a later Backstage behaviour
    Scenario: No service-account token is injected in 1.9
      Given the cluster header is "alpha"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received no Authorization header
