@core @kube-api
Feature: A cluster that accepts only x509 client certificates cannot be used through the proxy

  The seed document: "The proxy has no provisions for mTLS, so it cannot be used to connect to
  clusters using the x509 Client Certs authentication strategy." kube-x509 authenticates only
  client certificates issued by its CA; the proxy has none to present, and no token opens it.

  Rule: The proxy MUST NOT obtain data from a cluster that accepts only client certificates

    # catches: presents a client certificate to the cluster, offering the mTLS the seed document rules out
    Scenario: The namespaces of kube-x509 are not listed through the proxy
      Given the cluster header is "kube-x509"
      When the client sends the request
      Then the response does not list the namespaces of cluster kube-x509
