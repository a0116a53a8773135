package dev.skylog.testkit.devnet;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Where a running devnet is and who lives there, as its launcher printed it.
 *
 * @param seed the launcher's description of the seeded data (counts and record references)
 */
public record DevnetInfo(long pid, String pdsUrl, String appviewUrl, String appviewDid, String plcUrl,
		String controlUrl, String database, List<Account> accounts, JsonNode seed) {

	public Account account(String handle) {
		return this.accounts.stream()
			.filter((account) -> account.handle().equals(handle))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no seeded account " + handle));
	}

	/** A seeded account; the password is a devnet constant, not a secret. */
	public record Account(String handle, String did, String password, String email) {

	}

}
