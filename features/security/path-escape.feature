@security
Feature: A request cannot leave the cluster URL's path

  A cluster URL with a path (Rancher: /k8s/clusters/c-1) scopes the request to one cluster behind
  a shared server. Backstage forwards dot segments unresolved, raw or percent-encoded, and a server
  that resolves them lands above that path, on another cluster or on the server's own API
  (contract clause 6 and the observed path-dotdot cases). The proxy must refuse them instead.

  Rule: The proxy MUST refuse dot segments that climb above the cluster sub-path, and forward nothing

    # catches: forwards dot segments that the cluster's server resolves above /k8s/clusters/c-1
    Scenario Outline: The climbing target <target> is refused
      Given the cluster header is "prefixed"
      And the request target is "<target>"
      When the client sends the request
      Then the response status is 4xx
      And no cluster received any request

      Examples:
        | target                |
        | /../../admin          |
        | /%2e%2e/%2e%2e/admin  |
        | /%2E%2e/%2e%2E/admin  |
        | /api/../../../admin   |

  Rule: The proxy MUST refuse dot segments in disguise that a lenient server resolves above the cluster sub-path

    # Servers differ in what they take for a dot segment: some decode twice, Tomcat-style servers
    # drop ;parameters, Windows-minded ones read a backslash as a slash. A proxy cannot know what
    # stands behind a cluster URL, so whatever any of them would resolve upwards is refused too.
    # catches: checks only plain and singly encoded dot segments, and forwards the disguised ones
    Scenario Outline: The disguised climbing target <target> is refused
      Given the cluster header is "prefixed"
      And the request target is "<target>"
      When the client sends the request
      Then the response status is 4xx
      And no cluster received any request

      Examples:
        | target                         |
        | /%252e%252e/%252e%252e/admin   |
        | /..;/..;/admin                 |
        | /..%3b/..%3bx/admin            |
        | /..\\..\\admin                 |
        | /..%5c..%5cadmin               |
