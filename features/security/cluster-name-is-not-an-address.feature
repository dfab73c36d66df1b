@security @clause-20
Feature: The cluster header is a name, never an address

  Only configured clusters can be reached. A header value that looks like a URL or a host and port
  must not make the proxy connect there (server-side request forgery). 127.0.0.1:8001 is where a
  kubectl proxy, and the standard topology's local cluster, listen.

  Rule: The proxy MUST answer 404 for a header value that is not a configured name, however it looks

    # catches: treats a URL-shaped cluster name as the address to forward to
    Scenario: A URL in the cluster header reaches nothing
      Given the cluster header is "http://127.0.0.1:1/"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'http://127.0.0.1:1/' not found"
      And no cluster received any request

    # catches: treats a host:port cluster name as the address to forward to
    Scenario: A host and port in the cluster header reach nothing
      Given the cluster header is "127.0.0.1:8001"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster '127.0.0.1:8001' not found"
      And no cluster received any request
