@core @profile-backstage-current
Feature: The caller's own credentials stay with the portal

  Backstage today authenticates the caller with Authorization and Cookie, which belong to the
  portal, not to the cluster: plugin 0.21.13 stopped forwarding them (contract clause 33). The
  cluster gets the cluster token, else the configured service-account token (clause 28). The caller
  credential used here is Basic, because Backstage answers 401 to an unknown Bearer token before
  proxying.

  @clause-33
  Rule: The proxy MUST NOT forward the caller's Authorization or Cookie to a cluster

    # catches: leaks the caller's Authorization to the cluster
    @clause-28
    Scenario: The caller's Authorization is replaced by the service-account token
      Given the cluster header is "alpha"
      And the request header Authorization is "Basic Zm9vOmJhcg=="
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Authorization with value "Bearer sa-token-alpha"

    # catches: leaks the caller's Cookie to the cluster
    Scenario: The caller's Cookie is not forwarded
      Given the cluster header is "alpha"
      And the request header Cookie is "backstage-session=abc123"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received no Cookie header

    # Plugins 0.11.2 to 0.21.12 leaked both headers to clusters without server-side credentials.
    # catches: forwards the caller's Authorization when the cluster has no credential of its own
    Scenario: The caller's Authorization does not reach an anonymous cluster
      Given cluster local is running
      And the cluster header is "local"
      And the request header Authorization is "Basic Zm9vOmJhcg=="
      When the client sends the request
      Then only cluster local received the request
      And the cluster received no Authorization header

    # catches: forwards the caller's Cookie when the cluster has no credential of its own
    Scenario: The caller's Cookie does not reach an anonymous cluster
      Given cluster local is running
      And the cluster header is "local"
      And the request header Cookie is "backstage-session=abc123"
      When the client sends the request
      Then only cluster local received the request
      And the cluster received no Cookie header

  Rule: The proxy MUST inject the configured service-account token only when no cluster token is sent

    # catches: does not inject the configured service-account token
    @clause-28
    Scenario: The service-account token is sent when the caller sends no cluster token
      Given the cluster header is "alpha"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Authorization with value "Bearer sa-token-alpha"

    # Contract clause 27: present but empty still counts as a cluster token.
    # catches: treats an empty cluster token as absent and injects the service-account token
    @clause-27
    Scenario: An empty cluster token is forwarded as an empty Authorization
      Given the cluster header is "alpha"
      And the request carries the cluster token ""
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Authorization with value ""
