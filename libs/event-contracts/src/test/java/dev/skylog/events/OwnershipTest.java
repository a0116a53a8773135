package dev.skylog.events;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.skylog.events.account.AccountDeleted;
import dev.skylog.events.like.LikeDeleted;
import dev.skylog.events.like.LikeFetched;
import dev.skylog.events.post.PostContent;
import dev.skylog.events.post.PostDeleted;
import dev.skylog.events.post.PostFetched;
import dev.skylog.events.post.PostKind;
import dev.skylog.events.profile.ProfileFetched;

import static org.assertj.core.api.Assertions.assertThat;

class OwnershipTest {

	static final String ALICE = "did:plc:alice0000000000000000000";

	static final String MALLORY = "did:plc:mallory00000000000000000";

	static final EventMetadata META = new EventMetadata(java.util.UUID.randomUUID(), Instant.EPOCH);

	@Test
	void anAccountsOwnRecordsPass() {
		assertThat(Ownership.violation(ALICE, post(ALICE, "at://" + ALICE + "/app.bsky.feed.post/3a", ALICE))).isEmpty();
		assertThat(Ownership.violation(ALICE, PostDeleted.of(META, ALICE, "at://" + ALICE + "/app.bsky.feed.post/3a")))
			.isEmpty();
		assertThat(Ownership.violation(ALICE, LikeFetched.of(META, ALICE, "at://" + ALICE + "/app.bsky.feed.like/3l",
				"at://" + MALLORY + "/app.bsky.feed.post/3x", Instant.EPOCH, null))).isEmpty();
		assertThat(Ownership.violation(ALICE, AccountDeleted.of(META, ALICE, AccountDeleted.Reason.USER_REQUEST)))
			.isEmpty();
	}

	@Test
	void aRepostOfAnotherAccountsPostIsTheAccountsOwnRecord() {
		PostContent theirs = content("at://" + MALLORY + "/app.bsky.feed.post/3x", MALLORY);
		PostFetched repost = PostFetched.of(META, ALICE, "at://" + ALICE + "/app.bsky.feed.repost/3r", "bafy",
				PostKind.REPOST, Instant.EPOCH, Instant.EPOCH, theirs);
		assertThat(Ownership.violation(ALICE, repost)).isEmpty();
	}

	@Test
	void aRecordOfAnotherRepositoryIsRefusedOnEveryEventType() {
		String theirs = "at://" + ALICE + "/app.bsky.feed.post/3a";
		assertThat(Ownership.violation(MALLORY, post(MALLORY, theirs, ALICE))).isPresent();
		assertThat(Ownership.violation(MALLORY, PostDeleted.of(META, MALLORY, theirs))).isPresent();
		assertThat(Ownership.violation(MALLORY, LikeFetched.of(META, MALLORY, "at://" + ALICE + "/app.bsky.feed.like/3l",
				theirs, Instant.EPOCH, null))).isPresent();
		assertThat(Ownership.violation(MALLORY, LikeDeleted.of(META, MALLORY, "at://" + ALICE + "/app.bsky.feed.like/3l")))
			.hasValue("LikeDeleted names a record of another repository");
	}

	@Test
	void aPostWhoseContentIsAnotherPostIsRefused() {
		PostFetched borrowed = PostFetched.of(META, MALLORY, "at://" + MALLORY + "/app.bsky.feed.post/3m", "bafy",
				PostKind.POST, Instant.EPOCH, Instant.EPOCH, content("at://" + ALICE + "/app.bsky.feed.post/3a", ALICE));
		assertThat(Ownership.violation(MALLORY, borrowed)).hasValue("PostFetched whose content is not the post it names");
		PostFetched impersonated = PostFetched.of(META, MALLORY, "at://" + MALLORY + "/app.bsky.feed.post/3m", "bafy",
				PostKind.POST, Instant.EPOCH, Instant.EPOCH, content("at://" + MALLORY + "/app.bsky.feed.post/3m", ALICE));
		assertThat(Ownership.violation(MALLORY, impersonated)).isPresent();
	}

	@Test
	void anEventUnderAnotherAccountsKeyIsRefused() {
		ProfileFetched profile = ProfileFetched.of(META, ALICE, "alice.test", null, null, null, null, 0, 0, 0, List.of(),
				null);
		assertThat(Ownership.violation(ALICE, profile)).isEmpty();
		assertThat(Ownership.violation(MALLORY, profile))
			.hasValue("ProfileFetched of one account under another account's key");
		assertThat(Ownership.violation(MALLORY, AccountDeleted.of(META, ALICE, AccountDeleted.Reason.USER_REQUEST)))
			.isPresent();
	}

	@Test
	void theAuthorityOfAnAtUriIsItsDid() {
		assertThat(Dids.authority("at://did:web:example.com/app.bsky.feed.post/3a")).isEqualTo("did:web:example.com");
		assertThat(Dids.authority("at://did:plc:abc/app.bsky.feed.like/3l")).isEqualTo("did:plc:abc");
		assertThat(Dids.authority("at://alice.test/app.bsky.feed.post/3a")).isNull();
		assertThat(Dids.authority("https://did:plc:abc/app.bsky.feed.post/3a")).isNull();
		assertThat(Dids.authority(null)).isNull();
	}

	private static PostFetched post(String did, String uri, String author) {
		return PostFetched.of(META, did, uri, "bafy", PostKind.POST, Instant.EPOCH, Instant.EPOCH, content(uri, author));
	}

	private static PostContent content(String uri, String author) {
		return new PostContent(uri, "bafy", author, "someone.test", "text", List.of(), List.of(), List.of(), null, null,
				null, Instant.EPOCH, null);
	}

}
