package dev.skylog.events.kafka;

/**
 * An event that would write another account's rows (see {@link dev.skylog.events.Ownership}): never applied,
 * never retried, dead-lettered with this reason and counted as {@code skylog.events.rejected}.
 */
public class ForeignRecord extends RuntimeException {

	public ForeignRecord(String reason) {
		super(reason);
	}

}
