@issue-15901 @reconfigures-proxy
Feature: Duplicate cluster names are reported, and may be refused

  Since plugin 0.15.0 Backstage warns at startup about a name shared across locators and refuses
  to start when two clusters of one config locator share a name. The reference proxy can also be
  configured to refuse ambiguous names per request (duplicateNames: reject) instead of routing
  them to the first match.

  @extended @clause-23
  Rule: The proxy MUST warn at startup about a shared name, naming both cluster URLs

    # catches: stays silent about duplicate names, leaving operators to find #15901 the hard way
    Scenario: The startup warning names both URLs of dup
      Given a proxy configuration with the standard topology
      When the proxy is started on that configuration
      Then the startup warnings contain "Duplicate cluster name 'dup'"
      And the startup warnings name the URLs of dup-first and dup-second

  @extended
  Rule: A proxy configured to reject duplicate names MUST answer 409 for them and forward nothing

    # catches: routes an ambiguous name to one of its clusters despite duplicateNames: reject
    Scenario: An ambiguous name is refused with both candidate URLs
      Given a proxy configuration with the standard topology
      And the configuration rejects duplicate names
      And the proxy is started on that configuration
      And the cluster header is "dup"
      When the client sends the request
      Then the response status is 409
      And the response error message names the URLs of dup-first and dup-second
      And no cluster received any request

  @core @profile-backstage-current @clause-23
  Rule: The proxy MUST refuse to start when two clusters of one locator share a name

    # catches: accepts a duplicate inside one locator and silently shadows the second cluster
    Scenario: A duplicate inside one locator stops the proxy from starting
      Given a proxy configuration with clusters dup-first and dup-second in one locator
      Then starting the proxy fails with a message containing "Duplicate cluster name 'dup'"

  @core @profile-backstage-1.9 @clause-22 @clause-23
  Rule: In Backstage 1.9 a duplicate inside one locator MUST be routed to the first of them

    # catches: refuses the configuration (a later Backstage rule) or routes to the later entry
    Scenario: A duplicate inside one locator reaches its first entry in 1.9
      Given a proxy configuration with clusters dup-first and dup-second in one locator
      And the proxy is started on that configuration
      And the cluster header is "dup"
      When the client sends the request 3 times
      Then cluster dup-first received 3 requests
      And cluster dup-second received no request
