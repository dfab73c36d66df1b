@security
Feature: The request line names no host to connect to

  HTTP/1.1 lets a request line name a host: in absolute form (GET http://host/path), as clients of
  a forward proxy send it, and in authority form (CONNECT host:port), which opens a tunnel. The
  Kubernetes proxy endpoint is not a forward proxy: only the cluster header picks where a request
  goes. A proxy that connected to a host named on the request line would let any caller reach any
  address its network can reach (server-side request forgery). Clusters alpha and beta listen on
  different ports of the same host.

  Rule: The proxy MUST NOT connect to the host an absolute-form request line names

    # Routing by the cluster header and refusing the request (Jetty answers 400 when the named host
    # differs from Host) both keep the named host unreached.
    # catches: forwards an absolute-form request to the host on its request line
    Scenario: An absolute-form request naming another cluster's address does not reach it
      Given the cluster header is "alpha"
      And the request line names the address of cluster beta in absolute form
      When the client sends the request
      Then cluster beta received no request

  Rule: The proxy MUST refuse CONNECT, and open no tunnel

    # A 4xx and a closed connection (what Node does with a CONNECT nobody handles) both refuse it.
    # catches: opens a CONNECT tunnel to the address on the request line
    Scenario: A CONNECT to a cluster's address is refused
      Given the cluster header is "alpha"
      And the request is a CONNECT to the address of cluster beta
      When the client sends the request, which the proxy may refuse by closing the connection
      Then the proxy refused the request with a 4xx or by closing the connection
      And no cluster received any request
