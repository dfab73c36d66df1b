package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The broken proxies that mishandle WebSocket upgrades: the handshake (its target, credentials,
 * subprotocol offer, what counts as one), the answer before the switch, and the messages and closes
 * after it.
 *
 * <p>Each is a relay in front of (or around) the reference proxy that breaks upgrades only; plain
 * HTTP through it stays correct, so a scenario it kills is killed for the upgrade behaviour.
 */
final class WebSocketBreakages {

  /** Close code 1000, Normal Closure: what a proxy that closes on its own account sends. */
  private static final int NORMAL_CLOSURE = 1000;

  private static final String CARRIED = "X-Carried-";

  private WebSocketBreakages() {}

  /** Every WebSocket breakage, in the order the matrix lists them. */
  static List<Recipe> all() {
    return List.of(
        recipe(
            "drops-query-on-upgrades",
            "front relay: WebSocket handshakes lose their query",
            k -> k.front(onHandshakes(h -> h.withTarget(withoutQuery(h.target()))), same())),
        recipe(
            "upgrades-only-on-exact-connection",
            "front relay: a handshake whose Connection is not exactly 'Upgrade' sent as plain GET",
            k ->
                k.front(
                    h ->
                        Upgrades.asksToSwitch(h)
                                && !h.value("Connection").orElse("").equalsIgnoreCase("Upgrade")
                            ? h.without("Upgrade")
                            : h,
                    same())),
        recipe(
            "drops-subprotocol-offer",
            "front relay: Sec-WebSocket-Protocol removed from handshakes",
            k -> k.front(onHandshakes(h -> h.without("Sec-WebSocket-Protocol")), same())),
        recipe(
            "ignores-caller-token-on-upgrades",
            "front relay: the cluster token removed from WebSocket handshakes",
            k -> k.front(onHandshakes(h -> h.without(HeadRewrites.tokenHeader(k))), same())),
        recipe(
            "forwards-cookie-on-upgrades",
            "relays: the caller's Cookie carried past the reference proxy on WebSocket handshakes",
            k ->
                k.around(
                    onHandshakes(h -> HeadRewrites.renamed(h, List.of("Cookie"), CARRIED)),
                    h -> HeadRewrites.unrenamed(h, CARRIED))),
        recipe(
            "switches-before-cluster-known",
            "front relay: answers 101 to every handshake at once, closes if the cluster refuses",
            k -> k.front(h -> h, same(), Upgrades.carried().switchingFirst())),
        recipe(
            "drops-refused-handshakes",
            "front relay: a handshake answered 5xx gets no response, only a closed connection",
            k -> k.front(h -> h, same(), Upgrades.carried().refusals(silentOn5xx()))),
        recipe(
            "forwards-spdy-upgrades",
            "front relay: upgrades to protocols other than websocket sent as plain requests",
            k ->
                k.front(
                    h ->
                        Upgrades.asksToSwitch(h) && !Upgrades.isWebSocket(h)
                            ? h.without("Upgrade").replaced("Connection", "close")
                            : h,
                    same())),
        recipe(
            "turns-binary-into-text",
            "front relay: binary messages from the cluster sent on as text, decoded lossily",
            k -> k.front(h -> h, same(), Upgrades.carried().upstreamFrames(binaryAsText()))),
        recipe(
            "closes-client-with-own-code",
            "front relay: the cluster's close replaced by 1000 without a reason",
            k -> k.front(h -> h, same(), Upgrades.carried().upstreamFrames(ownClose()))),
        recipe(
            "answers-client-close-itself",
            "front relay: the client's close answered with 1000 by the relay, never passed on",
            k -> k.front(h -> h, same(), Upgrades.carried().clientFrames(closeAnswered()))));
  }

  private static Recipe recipe(String name, String how, Function<ProxyKit, BrokenProxy> start) {
    return new Recipe(name, how, start);
  }

  private static ResponsePass same() {
    return ResponsePass.unchanged();
  }

  /** The rewrite applied to WebSocket handshakes only. */
  private static UnaryOperator<HttpHead> onHandshakes(UnaryOperator<HttpHead> rewrite) {
    return head -> Upgrades.isWebSocket(head) ? rewrite.apply(head) : head;
  }

  private static String withoutQuery(String target) {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** A refusal with a 5xx status dropped: the client's connection just ends. */
  private static ResponsePass silentOn5xx() {
    return (in, out) -> {
      HttpHead head = HttpHead.read(in);
      if (head.status() >= 500) {
        in.readAllBytes();
        return;
      }
      out.write(head.bytes());
      in.transferTo(out);
    };
  }

  /**
   * Binary frames sent on as text frames, their bytes decoded as UTF-8 with replacement characters,
   * as a relay that hands every payload to a string API does. Continuation frames are decoded too
   * (without state, a continuation of a binary message cannot be told from one of a text message),
   * which leaves text split at character boundaries unchanged.
   */
  private static FramePass binaryAsText() {
    return (frame, onward, back) -> {
      boolean data = frame.opcode() == WebSocketFrame.BINARY;
      boolean continued = frame.opcode() == WebSocketFrame.CONTINUATION;
      if (!data && !continued) {
        onward.send(frame);
        return;
      }
      byte[] text =
          new String(frame.payload(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
      onward.send(frame.with(data ? WebSocketFrame.TEXT : frame.opcode(), text));
    };
  }

  /** The other side's close replaced by this relay's own. */
  private static FramePass ownClose() {
    return (frame, onward, back) ->
        onward.send(
            frame.opcode() == WebSocketFrame.CLOSE
                ? WebSocketFrame.close(NORMAL_CLOSURE, "")
                : frame);
  }

  /** A close answered by this relay, as if it were the other side, and not passed on. */
  private static FramePass closeAnswered() {
    return (frame, onward, back) -> {
      if (frame.opcode() == WebSocketFrame.CLOSE) {
        back.send(WebSocketFrame.close(NORMAL_CLOSURE, ""));
      } else {
        onward.send(frame);
      }
    };
  }
}
