package dev.skylog.events.post;

/**
 * Where a reply sits in its thread. The parent author is resolved by the fetcher from the hydrated view, so
 * "whom they reply to most" needs no lookup later; it is null when the parent is deleted or blocked.
 */
public record ReplyRef(String rootUri, String parentUri, String parentAuthorDid, String parentAuthorHandle) {

}
