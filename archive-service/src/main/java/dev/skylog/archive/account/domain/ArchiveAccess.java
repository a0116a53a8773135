package dev.skylog.archive.account.domain;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import dev.skylog.archive.account.persistence.AccountData;
import dev.skylog.archive.web.ArchiveProblem;
import dev.skylog.events.Dids;
import dev.skylog.events.Handles;

/**
 * Finds the archive a request names and decides whether the caller may see it. A private archive is
 * answered exactly like a missing one to anyone but its owner, so its existence is not disclosed.
 */
@Service
public class ArchiveAccess {

	private final AccountData accounts;

	public ArchiveAccess(AccountData accounts) {
		this.accounts = accounts;
	}

	public Mono<ArchiveAccount> readable(String handleOrDid, Viewer viewer) {
		return find(handleOrDid).filter((account) -> account.readableBy(viewer))
			.switchIfEmpty(Mono.error(() -> ArchiveProblem.archiveNotFound(handleOrDid)));
	}

	/** Likes, export and hiding posts: the owner only, even of a public archive. */
	public Mono<ArchiveAccount> ownedBy(String handleOrDid, Viewer viewer) {
		return readable(handleOrDid, viewer).map((account) -> {
			if (viewer.isAnonymous()) {
				throw ArchiveProblem.notLoggedIn();
			}
			if (!viewer.owns(account)) {
				throw ArchiveProblem.ownerOnly();
			}
			return account;
		});
	}

	private Mono<ArchiveAccount> find(String handleOrDid) {
		if (Dids.isDid(handleOrDid)) {
			return this.accounts.findByDid(handleOrDid);
		}
		if (Handles.isHandle(handleOrDid)) {
			return this.accounts.findByHandle(handleOrDid);
		}
		return Mono.error(() -> ArchiveProblem.invalidParameter("handle", "not a handle or DID"));
	}

}
