package dev.skylog.stats.facts.persistence;

/**
 * The schema statistics are read from ({@link #LIVE}) and the one a rebuild fills before it is swapped in
 * ({@link #SHADOW}). SQL names its schema explicitly, so the same store writes either.
 */
public enum StatsSchema {

	LIVE("stats"), SHADOW("stats_rebuild");

	private final String schemaName;

	StatsSchema(String schemaName) {
		this.schemaName = schemaName;
	}

	public String schemaName() {
		return this.schemaName;
	}

	/** {@code sql} with every {@code {s}} replaced by this schema's name. */
	public String sql(String sql) {
		return sql.replace("{s}", this.schemaName);
	}

}
