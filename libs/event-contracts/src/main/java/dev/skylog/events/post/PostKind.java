package dev.skylog.events.post;

/** What an entry of the author's feed is, as Twilog distinguishes them. */
public enum PostKind {

	POST, REPLY, QUOTE, REPOST

}
