package dev.skylog.archive.post.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.skylog.events.post.PostKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PostQueryTest {

	@Test
	void newestIsTheWholeTimelineNewestFirst() {
		PostQuery query = PostQuery.newest(20);

		assertThat(query).isEqualTo(new PostQuery(List.of(), null, null, null, null, null,
				EnumSet.allOf(PostKind.class), null, PostQuery.Order.NEWEST, null, 20));
	}

	@Test
	void betweenReplacesOnlyTheTimeRange() {
		PostCursor after = new PostCursor(Instant.parse("2025-01-02T00:00:00Z"),
				"at://did:plc:a/app.bsky.feed.post/3lenbtodo2222");
		PostQuery query = new PostQuery(List.of("foo"), null, null, "tag", "did:plc:b", PostQuery.Has.LINK,
				EnumSet.of(PostKind.REPLY), "ja", PostQuery.Order.OLDEST, after, 7);
		Instant from = Instant.parse("2024-12-31T15:00:00Z");
		Instant to = Instant.parse("2025-01-01T15:00:00Z");

		assertThat(query.between(from, to)).isEqualTo(new PostQuery(List.of("foo"), from, to, "tag", "did:plc:b",
				PostQuery.Has.LINK, EnumSet.of(PostKind.REPLY), "ja", PostQuery.Order.OLDEST, after, 7));
	}

	@Test
	void acceptsAnEmptyKindSetOfAnyType() {
		// EnumSet.copyOf refuses an empty collection that is not an EnumSet.
		PostQuery query = new PostQuery(List.of(), null, null, null, null, null, new HashSet<>(), null,
				PostQuery.Order.NEWEST, null, 10);

		assertThat(query.kinds()).isEmpty();
		assertThat(query.kinds()).isInstanceOf(EnumSet.class);
	}

	@Test
	void copiesTermsAndKindsSoLaterChangesToTheArgumentsDoNotLeakIn() {
		List<String> terms = new ArrayList<>(List.of("foo"));
		Set<PostKind> kinds = new HashSet<>(Set.of(PostKind.POST));
		PostQuery query = new PostQuery(terms, null, null, null, null, null, kinds, null, PostQuery.Order.NEWEST,
				null, 10);

		terms.add("bar");
		kinds.add(PostKind.REPOST);

		assertThat(query.terms()).containsExactly("foo");
		assertThat(query.kinds()).containsExactly(PostKind.POST);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> query.terms().add("baz"));
	}

}
