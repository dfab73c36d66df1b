@core @clause-9
Feature: Every HTTP method is forwarded as sent

  The Kubernetes API uses GET, HEAD, POST, PUT, PATCH and DELETE; Backstage forwards any method,
  extension methods such as PROPFIND included (contract clause 9).

  Rule: The proxy MUST forward the request method unchanged

    # catches: rejects or rewrites a method it does not know, for example PROPFIND answered 405
    Scenario Outline: The <method> method reaches the cluster
      Given the cluster header is "alpha"
      And the request method is <method>
      When the client sends the request
      Then the response status is 200
      And only cluster alpha received the request
      And the cluster received method <method>

      Examples:
        | method   |
        | GET      |
        | POST     |
        | PUT      |
        | PATCH    |
        | DELETE   |
        | OPTIONS  |
        | PROPFIND |

    # catches: turns HEAD into GET, or relays a body to a HEAD request
    Scenario: The HEAD method reaches the cluster and returns no body
      Given the cluster header is "alpha"
      And the request method is HEAD
      When the client sends the request
      Then the response status is 200
      And the response body is 0 bytes long
      And only cluster alpha received the request
      And the cluster received method HEAD
