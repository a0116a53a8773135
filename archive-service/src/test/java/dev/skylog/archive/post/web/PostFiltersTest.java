package dev.skylog.archive.post.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.springframework.http.HttpStatus;

import dev.skylog.archive.account.domain.ArchiveAccount;
import dev.skylog.archive.post.domain.PostCursor;
import dev.skylog.archive.post.domain.PostQuery;
import dev.skylog.events.account.AccountSettings.ArchiveVisibility;
import dev.skylog.events.post.PostKind;
import dev.skylog.web.problem.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PostFiltersTest {

	private static final ArchiveAccount TOKYO = account("Asia/Tokyo");

	private static final String MENTION = "did:plc:ukcvvalgdqulkahgwqqpoyqj";

	@Test
	void noParametersQueryTheWholeTimelineNewestFirst() {
		PostQuery query = filters().toQuery(TOKYO, null);

		assertThat(query).isEqualTo(PostQuery.newest(PostFilters.DEFAULT_LIMIT));
		assertThat(query.limit()).isEqualTo(50);
	}

	@Test
	void blankParametersCountAsAbsent() {
		PostQuery query = new PostFilters(" ", " ", " ", " ", " ", " ", " ", " ", " ", " ", null).toQuery(TOKYO,
				null);

		assertThat(query).isEqualTo(PostQuery.newest(50));
	}

	@Test
	void everyParameterReachesTheQuery() {
		PostCursor cursor = new PostCursor(Instant.parse("2025-01-01T00:16:00Z"),
				"at://did:plc:qju6sevdophfyhxkvo4o4xjp/app.bsky.feed.post/3lenbtodo2222");

		PostQuery query = new PostFilters("Hello ＷＯＲＬＤ", "2025-01-01", "2025-01-31", "#devnet", "bob.test",
				"media", "post,reply", "ja", "oldest", cursor.encode(), 20)
			.toQuery(TOKYO, MENTION);

		assertThat(query).isEqualTo(new PostQuery(List.of("hello", "world"), Instant.parse("2024-12-31T15:00:00Z"),
				Instant.parse("2025-01-31T15:00:00Z"), "devnet", MENTION, PostQuery.Has.MEDIA,
				EnumSet.of(PostKind.POST, PostKind.REPLY), "ja", PostQuery.Order.OLDEST, cursor, 20));
	}

	@Test
	void queryOfAtMostTwoHundredCharactersIsAccepted() {
		assertThat(filtersWithQ("a".repeat(200)).toQuery(TOKYO, null).terms()).containsExactly("a".repeat(200));
	}

	@Test
	void queryOfMoreThanTwoHundredCharactersIsRefused() {
		assertRefused(() -> filtersWithQ("a".repeat(201)).toQuery(TOKYO, null), "q: at most 200 characters");
	}

	@Test
	void queryOfMoreThanFiveDistinctWordsIsRefused() {
		assertRefused(() -> filtersWithQ("a b c d e f").toQuery(TOKYO, null), "q: at most 5 words");
	}

	@Test
	void repeatedWordsCountOnce() {
		assertThat(filtersWithQ("a A ａ b c d e").toQuery(TOKYO, null).terms()).containsExactly("a", "b", "c", "d",
				"e");
	}

	@Test
	void datesAreDaysOfTheAccountsTimeZoneAndToIsInclusive() {
		PostQuery query = new PostFilters(null, "2025-01-01", "2025-01-01", null, null, null, null, null, null, null,
				null)
			.toQuery(TOKYO, null);

		assertThat(query.from()).isEqualTo(Instant.parse("2024-12-31T15:00:00Z"));
		assertThat(query.to()).isEqualTo(Instant.parse("2025-01-01T15:00:00Z"));
	}

	@Test
	void aDayWithADaylightSavingChangeEndsAtTheNextLocalMidnight() {
		PostQuery query = new PostFilters(null, "2025-03-09", "2025-03-09", null, null, null, null, null, null, null,
				null)
			.toQuery(account("America/New_York"), null);

		assertThat(query.from()).isEqualTo(Instant.parse("2025-03-09T05:00:00Z"));
		assertThat(query.to()).isEqualTo(Instant.parse("2025-03-10T04:00:00Z"));
	}

	@Test
	void eitherEndOfTheRangeMayBeOpen() {
		PostQuery onlyFrom = new PostFilters(null, "2025-01-01", null, null, null, null, null, null, null, null, null)
			.toQuery(TOKYO, null);
		PostQuery onlyTo = new PostFilters(null, null, "2025-01-01", null, null, null, null, null, null, null, null)
			.toQuery(TOKYO, null);

		assertThat(onlyFrom.from()).isEqualTo(Instant.parse("2024-12-31T15:00:00Z"));
		assertThat(onlyFrom.to()).isNull();
		assertThat(onlyTo.from()).isNull();
		assertThat(onlyTo.to()).isEqualTo(Instant.parse("2025-01-01T15:00:00Z"));
	}

	@Test
	void toBeforeFromIsRefused() {
		assertRefused(() -> new PostFilters(null, "2025-01-02", "2025-01-01", null, null, null, null, null, null, null,
				null)
			.toQuery(TOKYO, null), "to: before from");
	}

	@Test
	void dateParsesIsoDatesAndTreatsBlankAsAbsent() {
		assertThat(PostFilters.date("from", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
		assertThat(PostFilters.date("from", null)).isNull();
		assertThat(PostFilters.date("from", "")).isNull();
	}

	@Test
	void dateRefusesOtherFormatsNamingTheParameter() {
		assertRefused(() -> PostFilters.date("from", "2025/01/01"), "from: not a date (yyyy-mm-dd)");
		assertRefused(() -> PostFilters.date("to", "2025-13-01"), "to: not a date (yyyy-mm-dd)");
		assertRefused(() -> PostFilters.date("to", "2025-02-29"), "to: not a date (yyyy-mm-dd)");
		assertRefused(() -> PostFilters.date("from", "2025-1-1"), "from: not a date (yyyy-mm-dd)");
	}

	@Test
	void pageSizeDefaultsToFiftyAndAcceptsOneToOneHundred() {
		assertThat(PostFilters.pageSize(null)).isEqualTo(50);
		assertThat(PostFilters.pageSize(1)).isEqualTo(1);
		assertThat(PostFilters.pageSize(100)).isEqualTo(100);
	}

	@Test
	void pageSizeOutsideOneToOneHundredIsRefused() {
		assertRefused(() -> PostFilters.pageSize(0), "limit: between 1 and 100");
		assertRefused(() -> PostFilters.pageSize(101), "limit: between 1 and 100");
		assertRefused(() -> PostFilters.pageSize(-1), "limit: between 1 and 100");
	}

	@Test
	void hashtagLosesOneLeadingHashHalfOrFullWidth() {
		assertThat(hashtag("#日本語")).isEqualTo("日本語");
		assertThat(hashtag("＃タグ")).isEqualTo("タグ");
		assertThat(hashtag("  devnet  ")).isEqualTo("devnet");
		assertThat(hashtag("##double")).isEqualTo("#double");
	}

	@Test
	void hashtagOfAtMostSixHundredFortyCharactersIsAccepted() {
		assertThat(hashtag("#" + "a".repeat(640))).isEqualTo("a".repeat(640));
	}

	@Test
	void emptyOrTooLongHashtagIsRefused() {
		assertRefused(() -> hashtag("#"), "hashtag: empty or longer than a Bluesky tag");
		assertRefused(() -> hashtag(" ＃ "), "hashtag: empty or longer than a Bluesky tag");
		assertRefused(() -> hashtag("a".repeat(641)), "hashtag: empty or longer than a Bluesky tag");
	}

	@Test
	void hashtagWithAControlCharacterIsRefused() {
		assertRefused(() -> hashtag("a\u0000b"), "hashtag: contains a control character");
		assertRefused(() -> hashtag("a\u007fb"), "hashtag: contains a control character");
	}

	@Test
	void hasIsMediaOrLinkInAnyCase() {
		assertThat(has("media")).isEqualTo(PostQuery.Has.MEDIA);
		assertThat(has(" LINK ")).isEqualTo(PostQuery.Has.LINK);
		assertRefused(() -> has("video"), "has: media or link");
	}

	@Test
	void kindsListsTheKindsShown() {
		assertThat(kinds("post,reply")).containsExactlyInAnyOrder(PostKind.POST, PostKind.REPLY);
		assertThat(kinds(" Quote , REPOST ")).containsExactlyInAnyOrder(PostKind.QUOTE, PostKind.REPOST);
	}

	@Test
	void kindsWithMinusAreLeftOutOfAllKinds() {
		assertThat(kinds("-reply,-repost")).containsExactlyInAnyOrder(PostKind.POST, PostKind.QUOTE);
	}

	@Test
	void kindsExclusionsApplyToTheListedKinds() {
		assertThat(kinds("post,reply,-reply")).containsExactly(PostKind.POST);
	}

	@Test
	void kindsExcludingEverythingAreRefused() {
		assertRefused(() -> kinds("-post,-reply,-quote,-repost"), "kinds: excludes every kind");
		assertRefused(() -> kinds("reply,-reply"), "kinds: excludes every kind");
	}

	@Test
	void unknownKindIsRefused() {
		assertRefused(() -> kinds("posts"), "kinds: post, reply, quote or repost, optionally with -");
		assertRefused(() -> kinds("-"), "kinds: post, reply, quote or repost, optionally with -");
		assertRefused(() -> kinds("post,,reply"), "kinds: post, reply, quote or repost, optionally with -");
	}

	@Test
	void langIsABcp47Tag() {
		assertThat(lang("ja")).isEqualTo("ja");
		assertThat(lang(" en-US ")).isEqualTo("en-US");
		assertThat(lang("zh-Hant-TW")).isEqualTo("zh-Hant-TW");
	}

	@Test
	void langThatIsNoBcp47TagIsRefused() {
		String detail = "lang: a BCP 47 language tag such as ja or en-US";
		assertRefused(() -> lang("e"), detail);
		assertRefused(() -> lang("en_US"), detail);
		assertRefused(() -> lang("en-"), detail);
		assertRefused(() -> lang("123"), detail);
		assertRefused(() -> lang("englishes"), detail);
	}

	@Test
	void orderIsNewestOrOldestInAnyCase() {
		assertThat(order("Newest")).isEqualTo(PostQuery.Order.NEWEST);
		assertThat(order(" OLDEST ")).isEqualTo(PostQuery.Order.OLDEST);
		assertRefused(() -> order("random"), "order: newest or oldest");
	}

	@Test
	void malformedCursorIsRefused() {
		assertRefused(() -> new PostFilters(null, null, null, null, null, null, null, null, null, "bogus!", null)
			.toQuery(TOKYO, null), "cursor: not a cursor this API issued");
	}

	@Test
	void limitOutsideItsRangeIsRefusedByToQuery() {
		assertRefused(() -> new PostFilters(null, null, null, null, null, null, null, null, null, null, 101)
			.toQuery(TOKYO, null), "limit: between 1 and 100");
	}

	private static ArchiveAccount account(String zone) {
		return new ArchiveAccount("did:plc:qju6sevdophfyhxkvo4o4xjp", "alice.test", ZoneId.of(zone),
				ArchiveVisibility.PUBLIC, true);
	}

	private static PostFilters filters() {
		return new PostFilters(null, null, null, null, null, null, null, null, null, null, null);
	}

	private static PostFilters filtersWithQ(String q) {
		return new PostFilters(q, null, null, null, null, null, null, null, null, null, null);
	}

	private static String hashtag(String hashtag) {
		return new PostFilters(null, null, null, hashtag, null, null, null, null, null, null, null)
			.toQuery(TOKYO, null)
			.hashtag();
	}

	private static PostQuery.Has has(String has) {
		return new PostFilters(null, null, null, null, null, has, null, null, null, null, null).toQuery(TOKYO, null)
			.has();
	}

	private static java.util.Set<PostKind> kinds(String kinds) {
		return new PostFilters(null, null, null, null, null, null, kinds, null, null, null, null).toQuery(TOKYO, null)
			.kinds();
	}

	private static String lang(String lang) {
		return new PostFilters(null, null, null, null, null, null, null, lang, null, null, null).toQuery(TOKYO, null)
			.lang();
	}

	private static PostQuery.Order order(String order) {
		return new PostFilters(null, null, null, null, null, null, null, null, order, null, null).toQuery(TOKYO, null)
			.order();
	}

	private static void assertRefused(ThrowingSupplier<?> call, String message) {
		ApiProblem problem = catchThrowableOfType(ApiProblem.class, call::get);

		assertThat(problem).as("expected a 400 \"%s\"", message).isNotNull();
		assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(problem.code()).isEqualTo("invalid_request");
		assertThat(problem.getMessage()).isEqualTo(message);
	}

}
