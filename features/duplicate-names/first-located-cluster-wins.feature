@issue-15901 @clause-22
Feature: A name shared by two located clusters reaches the first one

  Issue #15901: the proxy "cannot reliably target clusters who share the same name with another
  located cluster". Backstage resolves the name with a first-match search over the locators in
  order, so the cluster of the earlier locator always wins and the other one is unreachable. The
  standard topology has dup-first in the first locator and dup-second in the second, both named
  "dup". "Reliably" is what is checked here: the same cluster every time.

  @core
  Rule: Every request for a duplicated name MUST reach the cluster of the earliest locator

    # catches: alternates between the duplicates, or picks the last one
    Scenario: Five requests for dup all reach dup-first
      Given the cluster header is "dup"
      When the client sends the request 5 times
      Then cluster dup-first received 5 requests
      And cluster dup-second received no request

  @core @profile-backstage-current @clause-28
  Rule: The credentials used MUST be those of the cluster that is reached

    # catches: pairs the URL of dup-first with the service-account token of dup-second
    Scenario: The service-account token of dup-first goes to dup-first
      Given the cluster header is "dup"
      When the client sends the request
      Then only cluster dup-first received the request
      And the cluster received header Authorization with value "Bearer sa-token-dup-first"
