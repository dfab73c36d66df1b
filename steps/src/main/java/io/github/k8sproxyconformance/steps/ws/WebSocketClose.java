package io.github.k8sproxyconformance.steps.ws;

/**
 * How a WebSocket ended, as the client saw it.
 *
 * @param code the close code the other side sent, or 1006 when the connection ended without one
 * @param reason the close reason the other side sent; empty when none
 */
public record WebSocketClose(int code, String reason) {}
