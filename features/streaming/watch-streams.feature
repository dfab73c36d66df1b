@extended
Feature: Watch streams are delivered as the cluster sends them

  Watches (?watch=1) and log follows are long chunked responses: a client must see each event when
  the cluster sends it, not when the stream ends. Backstage buffers the whole stream when the client
  sends Accept-Encoding: gzip, as browsers always do (contract clause 41); that is a deviation, and
  these scenarios report it. The echo cluster stamps each event with the time it sent it.

  Rule: The proxy MUST relay each chunk of a stream without waiting for the end

    # catches: buffers the stream until the cluster ends it
    @clause-41
    Scenario: Watch events arrive while the watch is still running
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?watch=1&echoEvents=5&echoIntervalMs=400"
      When the client opens the request as a stream
      Then the stream status is 200
      And the stream ends after delivering 5 events in order
      And the first event arrives before the last event was sent

    # No clause tag: clause 41 lets the host hold a gzip-accepted stream to its end, as Backstage
    # does; this scenario demands the opposite.
    # catches: compresses the stream for a gzip-accepting client and buffers it while doing so
    Scenario: Watch events arrive while the watch is still running when gzip is accepted
      Given the cluster header is "alpha"
      And the request header Accept-Encoding is "gzip"
      And the request target is "/api/v1/namespaces?watch=1&echoEvents=5&echoIntervalMs=400"
      When the client opens the request as a stream
      Then the stream status is 200
      And the stream ends after delivering 5 events in order
      And the first event arrives before the last event was sent

  @clause-42
  Rule: The proxy MUST NOT cut a stream that is still delivering

    # A fixed total timeout per exchange (10 s is common in HTTP client defaults) cuts every watch;
    # Backstage has none (contract clause 42).
    # catches: ends every exchange after a fixed time, even a stream whose events keep flowing
    Scenario: A watch delivering events for twelve seconds is not cut
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?watch=1&echoEvents=13&echoIntervalMs=1000"
      When the client opens the request as a stream
      Then the stream status is 200
      And the stream ends after delivering 13 events in order

  @clause-42
  Rule: The proxy MUST NOT cut a stream that is quiet for a few seconds

    # catches: applies an idle timeout shorter than 5 s to streams
    Scenario: A watch quiet for five seconds is not cut
      Given the cluster header is "alpha"
      And the request target is "/api/v1/namespaces?watch=1&echoEvents=2&echoIntervalMs=5000"
      When the client opens the request as a stream
      Then the stream status is 200
      And the stream ends after delivering 2 events in order
