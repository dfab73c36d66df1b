package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.CredentialPolicy.Credential;
import io.github.k8sproxyconformance.proxy.CredentialPolicy.PassThrough;
import io.github.k8sproxyconformance.proxy.CredentialPolicy.Replace;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

/**
 * The one rewrite both relays apply: what the cluster receives of the caller's credentials, when
 * the caller's headers are copied as the HTTP relay and the WebSocket handshake copy them.
 */
class CredentialRewriteTest {

  private static HttpFields.Mutable sentToCluster(Credential credential) {
    HttpFields.Mutable upstream = HttpFields.build();
    for (HttpField field : callerHeaders()) {
      if (!credential.withholds(field)) {
        upstream.add(field);
      }
    }
    credential.addTo(upstream);
    return upstream;
  }

  private static HttpFields.Mutable callerHeaders() {
    return HttpFields.build()
        .add("Accept", "application/json")
        .add("authorization", "Bearer caller")
        .add("COOKIE", "session=1")
        .add("Backstage-Kubernetes-Authorization-Google", "g")
        .add("backstage-kubernetes-authorization", "Bearer from-header")
        .add("Backstage-Kubernetes-Cluster", "alpha");
  }

  @Test
  void replaceDropsEveryCallerCredentialInAnyCaseAndSendsItsOwn() {
    HttpFields.Mutable headers = sentToCluster(new Replace(Optional.of("Bearer sa")));

    assertThat(headers.stream().map(HttpField::toString))
        .containsExactly(
            "Accept: application/json",
            "Backstage-Kubernetes-Cluster: alpha",
            "Authorization: Bearer sa");
  }

  @Test
  void replaceWithoutTokenSendsNoAuthorization() {
    HttpFields.Mutable headers = sentToCluster(new Replace(Optional.empty()));

    assertThat(headers.getFieldNamesCollection())
        .containsExactly("Accept", "Backstage-Kubernetes-Cluster");
  }

  @Test
  void passThroughLeavesTheCallersHeadersAsTheyAre() {
    HttpFields.Mutable headers = sentToCluster(new PassThrough());

    assertThat(headers.asImmutable()).isEqualTo(callerHeaders().asImmutable());
  }
}
