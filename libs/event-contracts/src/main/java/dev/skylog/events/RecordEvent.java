package dev.skylog.events;

/**
 * An event about one record of the account's repository (a post, repost or like): it arrives, or it goes. Read
 * models keep one row per record, and {@link EventOrder} decides which of its events that row reflects.
 */
public interface RecordEvent extends SkylogEvent {

	/** The record's AT URI: {@code at://<the account's DID>/<collection>/<record key>}. */
	String uri();

	/** Whether this event removes the record (and leaves a tombstone that older fetches cannot pass). */
	boolean removesRecord();

}
