@security
Feature: Cluster credentials never reach the client, a log or a cluster as proxy credentials

  The proxy holds service-account tokens for every configured cluster (sa-token-... in the standard
  topology), and callers send theirs. An error body or a log line must not repeat them, and a
  credential meant for a proxy must not be handed on to a cluster.

  Rule: The proxy MUST NOT put a configured token in any error body

    # catches: echoes the upstream request, its Authorization included, or the cluster config in an error body
    Scenario Outline: The <status> error for cluster <cluster> reveals no configured token
      Given the cluster header is "<cluster>"
      When the client sends the request
      Then the response status is <status>
      And the response body contains no token of the topology

      Examples:
        | cluster       | status |
        | down          | 500    |
        | tls-untrusted | 500    |
        | mtls          | 500    |
        | nosuch        | 404    |

  Rule: The proxy MUST NOT forward Proxy-Authorization to a cluster

    # Proxy-Authorization is for the proxy it reaches (RFC 9110, section 11.7.2) and may only be
    # relayed to a further proxy; a cluster is none. Backstage forwards it: a deviation reported here.
    # catches: forwards Proxy-Authorization to the cluster
    Scenario: Proxy-Authorization stays at the proxy
      Given the cluster header is "alpha"
      And the request header Proxy-Authorization is "Basic cHJveHk6c2VjcmV0"
      When the client sends the request
      Then only cluster alpha received the request
      And the cluster received no Proxy-Authorization header

  Rule: The proxy MUST NOT write a token in a log line

    # Only a proxy running in the suite's JVM has a log the suite can read.
    # catches: logs the upstream request or the cluster config, tokens included, when a cluster fails
    @reads-proxy-log
    Scenario Outline: The failure of cluster <cluster> is logged without a token
      Given the proxy's log is watched
      And the cluster header is "<cluster>"
      And the request carries the cluster token "Bearer caller-secret-7f3a"
      When the client sends the request
      Then the response status is 500
      And the proxy logged at least one line
      And no line the proxy logged holds a token of the topology or of the request

      Examples:
        | cluster       |
        | down          |
        | tls-untrusted |
        | mtls          |
