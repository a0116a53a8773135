package dev.skylog.atproto.xrpc;

/** The body of an XRPC error response: {@code {"error": "...", "message": "..."}}. */
public record XrpcError(String error, String message) {

}
