Feature: A cluster that answers in unexpected ways neither hangs the proxy nor exhausts it

  A proxy holds credentials for every cluster it serves, so one buggy or compromised cluster must
  not take the proxy's callers down with it. HTTP/1.1 puts no limit on a response head, so a proxy
  must set its own; it lets a server send interim 1xx answers before its final one (RFC 9110,
  section 15.2), and lets a server that was sent "Expect: 100-continue" read the body without
  answering 100 first, so a client must not wait for that 100 for ever (section 10.1.1). The
  hostile cluster does each of these, as the last segment of the request path says.

  @security
  Rule: The proxy MUST answer with the request-error envelope when a cluster's response head never ends

    # The cluster sends header lines at 4 MiB/s for 16 s; Node stops reading at 16 KiB of head
    # (HPE_HEADER_OVERFLOW) and Backstage answers its request-error envelope.
    # catches: passes an endless response head on, or waits for its end, so the caller hangs without an envelope
    Scenario: A response head that never ends gets the request-error envelope within 5 seconds
      Given the cluster header is "hostile"
      And the request target is "/endless-head"
      When the client sends the request and waits at most 5 seconds for the answer
      Then the response is a 500 error named "Error" whose message starts with "Cluster 'hostile' request error"
      And the proxy still forwards a request to cluster alpha

  @extended
  Rule: The proxy MUST deliver the final answer that follows interim answers nobody asked for

    # A proxy may forward 1xx answers (RFC 9110, section 15.2) and the client's reader drops them,
    # so only the final answer is checked.
    # catches: takes the first interim 100 Continue for the whole answer, so the final answer never reaches the caller
    Scenario: The final answer after two unasked 100 Continue answers reaches the client
      Given the cluster header is "hostile"
      And the request target is "/interim-then-ok"
      When the client sends the request and waits at most 5 seconds for the answer
      Then the response status is 200
      And the response body is "ok"

  @extended
  Rule: The proxy MUST NOT hold a request body back for a 100 Continue the cluster never sends

    # The client sends as curl does: it waits a second for a 100 from the proxy, then sends the body
    # anyway. A proxy may answer 100 itself or not, but the body must reach the cluster.
    # catches: holds the request body back until the cluster answers 100 Continue, which it never does
    Scenario: A body sent with Expect 100-continue reaches a cluster that never answers 100
      Given the cluster header is "hostile"
      And the request method is POST
      And the request target is "/no-continue-echo"
      And the request header Expect is "100-continue"
      And the request body is "hello"
      When the client sends the request, holding the body back for up to 1 second until a 100 Continue, and waits at most 5 seconds for the answer
      Then the response status is 200
      And the response body is "hello"
