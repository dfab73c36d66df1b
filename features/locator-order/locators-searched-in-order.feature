@core
Feature: Clusters of every locator are searched in configuration order

  The seed document: the header value "will be compared to each cluster returned by all the
  configured cluster locators -- the first cluster whose name field matches the value in the
  header will be targeted". The standard topology has two config locators and a
  localKubectlProxy locator.

  @clause-11
  Rule: The proxy MUST reach clusters of every configured locator, not only the first

    # catches: consults only the first cluster locator
    Scenario: A cluster of the second config locator is reachable
      Given the cluster header is "gamma"
      When the client sends the request
      Then the response status is 200
      And only cluster gamma received the request
      And the response comes from cluster gamma

    # localKubectlProxy is anonymous: the cluster is reached with no credential at all.
    # catches: ignores the localKubectlProxy locator, or sends it a credential it never configured
    Scenario: The localKubectlProxy cluster of the third locator is reachable without credentials
      Given cluster local is running
      And the cluster header is "local"
      When the client sends the request
      Then the response status is 200
      And only cluster local received the request
      And the cluster received no Authorization header

  @reconfigures-proxy @clause-22
  Rule: When a name occurs in several locators the proxy MUST target the one of the earliest locator

    # The standard topology lists dup-first first; here the order is reversed, so a proxy that
    # prefers one particular URL, port or token instead of locator order is found out.
    # catches: picks a duplicate by something other than locator order
    Scenario: Reversing the locators reverses which duplicate is reached
      Given a proxy configuration with cluster dup-second in the first locator and cluster dup-first in the second
      And the proxy is started on that configuration
      And the cluster header is "dup"
      When the client sends the request 3 times
      Then cluster dup-second received 3 requests
      And cluster dup-first received no request
