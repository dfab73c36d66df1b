Feature: TLS to clusters is verified with the configured trust, and no client certificate is sent

  HTTPS clusters are trusted through caData (base64 PEM), caFile (a PEM path) or skipTLSVerify
  (contract clauses 44 to 46). The seed document: "The proxy has no provisions for mTLS, so it
  cannot be used to connect to clusters using the x509 Client Certs authentication strategy."

  @extended
  Rule: The proxy MUST trust a cluster certificate issued by the configured CA, or any when skipTLSVerify is set

    # catches: ignores caData and only trusts the default trust store
    @clause-46
    Scenario: A cluster trusted through caData is reached over HTTPS
      Given the cluster header is "tls-cadata"
      When the client sends the request
      Then the response status is 200
      And only cluster tls-cadata received the request

    # catches: ignores caFile
    @clause-46
    Scenario: A cluster trusted through caFile is reached over HTTPS
      Given the cluster header is "tls-cafile"
      When the client sends the request
      Then the response status is 200
      And only cluster tls-cafile received the request

    # catches: ignores skipTLSVerify and refuses the self-signed certificate
    @clause-45
    Scenario: A cluster with skipTLSVerify is reached despite an untrusted certificate
      Given the cluster header is "tls-skipverify"
      When the client sends the request
      Then the response status is 200
      And only cluster tls-skipverify received the request

  @security @clause-44
  Rule: The proxy MUST NOT send a request over TLS it could not verify

    # catches: trusts any certificate
    Scenario: A cluster with an untrusted certificate is not reached
      Given the cluster header is "tls-untrusted"
      When the client sends the request
      Then the response is a 500 error named "Error" whose message starts with "Cluster 'tls-untrusted' request error"
      And no cluster received any request

    # catches: checks the certificate chain but not the host name
    Scenario: A cluster whose certificate names another host is not reached
      Given the cluster header is "tls-wronghost"
      When the client sends the request
      Then the response is a 500 error named "Error" whose message starts with "Cluster 'tls-wronghost' request error"
      And no cluster received any request

  @core
  Rule: The proxy MUST NOT present a client certificate to a cluster

    # catches: presents a client certificate, offering the mTLS the seed document rules out
    Scenario: A cluster that demands a client certificate is not reached
      Given the cluster header is "mtls"
      When the client sends the request
      Then the response is a 500 error named "Error" whose message starts with "Cluster 'mtls' request error"
      And no cluster received any request

    # catches: presents a client certificate to a cluster that asks for one, whoever issued it
    Scenario: A cluster that asks for a client certificate receives none
      Given the cluster header is "tls-wantcert"
      When the client sends the request
      Then only cluster tls-wantcert received the request
      And the cluster received no client certificate
