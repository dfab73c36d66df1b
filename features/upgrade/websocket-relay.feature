@extended @websocket
Feature: WebSocket upgrades are relayed to the selected cluster

  kubectl exec, attach and port-forward switch to WebSocket (subprotocols v4.channel.k8s.io,
  v5.channel.k8s.io, base64.channel.k8s.io). Backstage relays these upgrades since plugin 0.11.2
  with the same cluster selection, path and credential rules as plain HTTP (contract section 6,
  clauses 50 and 51). The echo cluster accepts any handshake, first sends a JSON description of
  the handshake it received, then echoes every message.

  @clause-50
  Rule: A WebSocket handshake MUST reach the selected cluster with the target of plain HTTP

    # catches: answers the upgrade itself, sends it to another cluster, or drops the query
    Scenario: An exec handshake reaches the selected cluster with its target
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true&stdout=true"
      When the client opens a WebSocket with the request, offering subprotocols "v4.channel.k8s.io"
      Then the first WebSocket message describes the handshake cluster alpha received, with subprotocol "v4.channel.k8s.io"
      And only cluster alpha received the request
      And the cluster received the request target "/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true&stdout=true"
      And the cluster received a Host header naming its own address

    # catches: relays upgrades to the cluster URL's host but loses its sub-path
    Scenario: A handshake to a cluster with a URL sub-path keeps the sub-path
      Given the cluster header is "prefixed"
      And the request target is "/api/v1/namespaces/default/pods/p/attach?stdout=true"
      When the client opens a WebSocket with the request
      Then the first WebSocket message describes the handshake cluster prefixed received, with subprotocol ""
      And the cluster received the request target "/k8s/clusters/c-1/api/v1/namespaces/default/pods/p/attach?stdout=true"

    # catches: recognises an upgrade only when Connection is exactly "Upgrade"
    Scenario: An upgrade token inside a Connection list is a WebSocket handshake
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh"
      And the request is a WebSocket handshake with Connection "keep-alive, Upgrade"
      When the client sends the request
      Then the response status is 101
      And only cluster alpha received the request

  @clause-50
  Rule: A WebSocket handshake MUST carry the cluster credentials of plain HTTP

    # catches: upgrades bypass credential injection and reach the cluster anonymously (issue 19851)
    @profile-backstage-current
    Scenario: The service-account token is applied to a WebSocket handshake
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh"
      When the client opens a WebSocket with the request
      Then the first WebSocket message describes the handshake cluster alpha received, with subprotocol ""
      And the cluster received header Authorization with value "Bearer sa-token-alpha"

    # catches: upgrades ignore the caller's cluster token and send the configured one, or none
    Scenario: The caller's cluster token is applied to a WebSocket handshake
      Given the cluster header is "alpha"
      And the request carries the cluster token "Bearer caller-exec-token"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh"
      When the client opens a WebSocket with the request
      Then the first WebSocket message describes the handshake cluster alpha received, with subprotocol ""
      And the cluster received header Authorization with value "Bearer caller-exec-token"

  @clause-33
  Rule: A WebSocket handshake MUST NOT carry the caller's Cookie to the cluster

    # catches: forwards the caller's Cookie on WebSocket handshakes while dropping it from plain HTTP
    # (contract clause 33: the caller's Authorization and Cookie never reach a cluster)
    @profile-backstage-current
    Scenario: The caller's Cookie does not reach the cluster on a WebSocket handshake
      Given the cluster header is "alpha"
      And the request header Cookie is "backstage-session=abc123"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh"
      When the client opens a WebSocket with the request
      Then the first WebSocket message describes the handshake cluster alpha received, with subprotocol ""
      And the cluster received no Cookie header

  @clause-50
  Rule: The subprotocol MUST be negotiated between the client and the cluster

    # catches: drops the client's offer, or answers the client with a subprotocol of its own choice
    Scenario Outline: The cluster's choice <chosen> among the offered subprotocols reaches the client
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh&echoSubprotocol=<chosen>"
      When the client opens a WebSocket with the request, offering subprotocols "v5.channel.k8s.io, v4.channel.k8s.io, base64.channel.k8s.io"
      Then the WebSocket is open with subprotocol "<chosen>"
      And the first WebSocket message describes the handshake cluster alpha received, with subprotocol "<chosen>"

      Examples:
        | chosen                |
        | v4.channel.k8s.io     |
        | v5.channel.k8s.io     |
        | base64.channel.k8s.io |

  @clause-50
  Rule: Text and binary messages MUST flow both ways unchanged

    # catches: relays only one direction, turns binary into text, or alters payload bytes
    Scenario: Text and binary messages come back from the cluster with their type
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true"
      And the client will send the WebSocket text message "ls -l /"
      And the client will send 70000 random bytes as a WebSocket binary message
      And the client will send the WebSocket text message "exit"
      When the client opens a WebSocket with the request, offering subprotocols "v4.channel.k8s.io"
      Then the first WebSocket message describes the handshake cluster alpha received, with subprotocol "v4.channel.k8s.io"
      And the next WebSocket messages echo what the client sent

  @clause-50
  Rule: Close codes and reasons MUST be relayed in both directions

    # catches: closes the client with its own code (1000, 1001, 1006) instead of the cluster's
    Scenario: A close from the cluster reaches the client with its code and reason
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=true&echoCloseCode=4001&echoCloseReason=bye"
      When the client opens a WebSocket with the request
      Then the first WebSocket message describes the handshake cluster alpha received, with subprotocol ""
      And the WebSocket is closed by the other side with code 4001 and reason "bye"

    # catches: answers the client's close itself instead of passing it to the cluster
    Scenario: A close from the client is answered through the cluster
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh"
      And the client will close the WebSocket with code 4000 and reason "done"
      When the client opens a WebSocket with the request
      Then the WebSocket is closed by the other side with code 4000 and reason "done"
      And only cluster alpha received the request

  Rule: A handshake that cannot be relayed MUST get an HTTP answer, before any protocol switch

    # catches: switches protocols, then closes the socket, for a cluster that does not exist
    @clause-51
    Scenario: A handshake naming an unknown cluster gets the 404 envelope
      Given the cluster header is "nosuch"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh"
      And the request is a WebSocket handshake with Connection "Upgrade"
      When the client sends the request
      Then the response is a 404 error named "NotFoundError" with message "Cluster 'nosuch' not found"
      And no cluster received any request

    # catches: hangs, or drops the connection without a word, when the cluster is down
    # (Backstage closes the socket without an HTTP response here: a documented difference)
    Scenario: A handshake to a cluster that is down gets the 500 request-error envelope
      Given the cluster header is "down"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh"
      And the request is a WebSocket handshake with Connection "Upgrade"
      When the client sends the request
      Then the response is a 500 error named "Error" whose message starts with "Cluster 'down' request error"

  Rule: Upgrades to other protocols MUST be refused, never forwarded half-way

    # catches: forwards a SPDY upgrade as a plain request, leaving the client with half a session
    Scenario: A SPDY upgrade is refused and nothing reaches the cluster
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces/default/pods/p/exec?command=sh"
      And the request asks to switch to protocol "SPDY/3.1"
      When the client sends the request
      Then the response is a 400 error named "InputError" with message "Upgrade 'SPDY/3.1' is not supported; only websocket is relayed"
      And no cluster received any request
