@extended @profile-backstage-current
Feature: Client-side auth providers take their token from a provider header

  Since plugin 0.13.0 the frontend sends the token of a client-side provider in
  Backstage-Kubernetes-Authorization-<provider>[-<oidcTokenProvider>], and the cluster's
  authProvider turns it into "Bearer <token>" (contract clauses 29 to 32). The standard topology
  has beta (google), oidcc (oidc, oidcTokenProvider okta) and google-with-token (google, with a
  serviceAccountToken that Backstage's google strategy never reads).

  @issue-19999
  Rule: The proxy MUST send the provider token of the cluster's own auth provider as a bearer token

    # catches: ignores the Google provider header
    @clause-29
    Scenario: The Google provider header becomes a bearer token
      Given the cluster header is "beta"
      And the request header Backstage-Kubernetes-Authorization-Google is "google-token-1"
      When the client sends the request
      Then only cluster beta received the request
      And the cluster received header Authorization with value "Bearer google-token-1"

    # catches: ignores the OIDC provider header, or looks for it under another provider name
    @clause-30
    Scenario: The OIDC okta provider header becomes a bearer token
      Given the cluster header is "oidcc"
      And the request header Backstage-Kubernetes-Authorization-OIDC-okta is "okta-token-1"
      When the client sends the request
      Then only cluster oidcc received the request
      And the cluster received header Authorization with value "Bearer okta-token-1"

    # catches: applies any provider header to a service-account cluster
    @clause-28
    Scenario: A provider header does not replace a service-account token
      Given the cluster header is "alpha"
      And the request header Backstage-Kubernetes-Authorization-Google is "google-token-2"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received header Authorization with value "Bearer sa-token-alpha"

    # catches: lets the provider header win over the generic cluster token
    @clause-32
    Scenario: The generic cluster token wins over a provider header
      Given the cluster header is "beta"
      And the request carries the cluster token "Bearer generic-token"
      And the request header Backstage-Kubernetes-Authorization-Google is "google-token-3"
      When the client sends the request
      Then only cluster beta received the request
      And the cluster received header Authorization with value "Bearer generic-token"

  Rule: The proxy MUST answer 500 and forward nothing when a client-side provider token is missing

    # catches: forwards the request to a google cluster without any token
    @clause-31
    Scenario: A google cluster without a Google token is answered 500
      Given the cluster header is "beta"
      When the client sends the request
      Then the response is a 500 error named "Error" with message "Google token not found under auth.google in request body"
      And no cluster received any request

    # catches: forwards the request to an oidc cluster without any token
    @clause-30
    Scenario: An oidc cluster without an OIDC token is answered 500
      Given the cluster header is "oidcc"
      When the client sends the request
      Then the response is a 500 error named "Error" with message "Auth token not found under oidc.okta in request body"
      And no cluster received any request

    # catches: accepts the token of any OIDC provider instead of the configured okta
    @clause-30
    Scenario: An OIDC token for another provider is not accepted
      Given the cluster header is "oidcc"
      And the request header Backstage-Kubernetes-Authorization-OIDC-other is "other-token"
      When the client sends the request
      Then the response is a 500 error named "Error" with message "Auth token not found under oidc.okta in request body"
      And no cluster received any request

    # The provider is everything after the framework part of the header name, so okta-eu is
    # another provider than okta (contract clause 30).
    # catches: takes a provider header whose name only starts with the configured provider's name
    @clause-30
    Scenario: An OIDC token for a provider whose name merely starts with okta is not accepted
      Given the cluster header is "oidcc"
      And the request header Backstage-Kubernetes-Authorization-OIDC-okta-eu is "okta-eu-token"
      When the client sends the request
      Then the response is a 500 error named "Error" with message "Auth token not found under oidc.okta in request body"
      And no cluster received any request

  # Backstage's google strategy reads only the caller's Google token; a serviceAccountToken on the
  # cluster is never looked at (contract section 4.1, clauses 29 and 31).
  Rule: The proxy MUST NOT send the configured serviceAccountToken of a cluster whose authProvider is a client-side one

    # catches: injects the configured token whatever the cluster's auth provider, instead of refusing
    @clause-31
    Scenario: A google cluster with a configured token is answered 500 without a Google token
      Given the cluster header is "google-with-token"
      When the client sends the request
      Then the response is a 500 error named "Error" with message "Google token not found under auth.google in request body"
      And no cluster received any request

    # catches: injects the configured token whatever the cluster's auth provider, instead of the Google token
    @clause-29
    Scenario: A google cluster with a configured token receives the caller's Google token
      Given the cluster header is "google-with-token"
      And the request header Backstage-Kubernetes-Authorization-Google is "google-token-4"
      When the client sends the request
      Then only cluster google-with-token received the request
      And the cluster received header Authorization with value "Bearer google-token-4"
