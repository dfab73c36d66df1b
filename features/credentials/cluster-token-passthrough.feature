@core
Feature: A cluster token sent by the caller reaches the cluster as-is

  The seed document: callers negotiate "their own bearer token out-of-band" and "bearer tokens
  will be forwarded as-is". The caller puts the token in the profile's token header:
  Backstage-Kubernetes-Authorization today (copied verbatim into Authorization, clauses 25 and 26),
  Authorization itself in Backstage 1.9.

  Rule: The cluster MUST receive the caller's cluster token as its only Authorization value

    # catches: replaces the caller's token with the configured service-account token
    @clause-25
    Scenario: A bearer cluster token reaches a service-account cluster unchanged
      Given the cluster header is "alpha"
      And the request carries the cluster token "Bearer caller-token-1"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Authorization with value "Bearer caller-token-1"

    # catches: adds or normalises an authentication scheme ("Bearer raw-...")
    @clause-26
    Scenario: A cluster token without a scheme is forwarded without adding one
      Given the cluster header is "alpha"
      And the request carries the cluster token "raw-token-without-scheme"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Authorization with value "raw-token-without-scheme"

    # The seed document's own example: a Google access token for a cluster with authProvider google.
    # catches: drops the caller's token for clusters with a client-side auth provider
    @clause-25
    Scenario: A Google access token reaches a google cluster as in the documented example
      Given the cluster header is "beta"
      And the request carries the cluster token "Bearer ya29.google-access-token"
      When the client sends the request
      Then only cluster beta received the request
      And the cluster received header Authorization with value "Bearer ya29.google-access-token"
