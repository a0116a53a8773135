package dev.skylog.archive.post.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.skylog.archive.account.domain.ArchiveAccess;
import dev.skylog.archive.account.domain.ArchiveAccount;
import dev.skylog.archive.account.domain.Viewer;
import dev.skylog.archive.post.domain.ArchivedPost;
import dev.skylog.archive.post.domain.PostPage;
import dev.skylog.archive.post.domain.PostQuery;
import dev.skylog.archive.post.persistence.PostFinder;
import dev.skylog.archive.post.web.PostViews.Day;
import dev.skylog.archive.post.web.PostViews.DayCount;
import dev.skylog.archive.post.web.PostViews.HashtagCount;
import dev.skylog.archive.post.web.PostViews.Month;
import dev.skylog.archive.post.web.PostViews.MonthCount;
import dev.skylog.archive.post.web.PostViews.OnThisDay;
import dev.skylog.archive.post.web.PostViews.ReplyPartner;
import dev.skylog.archive.post.web.PostViews.Year;
import dev.skylog.archive.web.ArchiveProblem;
import dev.skylog.events.Dids;
import dev.skylog.events.Handles;

/** An account's posts: the timeline with its filters, the calendar views, rankings, and hiding a post. */
@RestController
@RequestMapping("/api/archive/{handle}")
@Tag(name = "Archive posts", description = "Every post, reply, quote and repost of an account")
public class PostController {

	private static final int MAX_RANKING = 100;

	// A handle is a DNS name: letters, digits, hyphens and dots, at most 253 characters.
	private final ArchiveAccess access;

	private final PostFinder posts;

	private final Clock clock;

	public PostController(ArchiveAccess access, PostFinder posts, Clock clock) {
		this.access = access;
		this.posts = posts;
		this.clock = clock;
	}

	@GetMapping("/posts")
	@Operation(summary = "A page of the timeline, newest or oldest first, filtered",
			description = "q: words that must all occur (Japanese of any length, Latin case-insensitive); from/to: "
					+ "days in the account's time zone, both inclusive; hashtag; mention: handle or DID; "
					+ "has=media|link; kinds=post,reply (only those) or -reply,-repost (all but those); lang; "
					+ "order=newest|oldest; cursor: nextCursor of the previous page; limit ≤ 100.")
	Mono<PostPage> posts(@PathVariable String handle, @ParameterObject PostFilters filters,
			@AuthenticationPrincipal Jwt session) {
		return this.access.readable(handle, Viewer.of(session))
			.flatMap((account) -> page(account, filters, null, null));
	}

	@GetMapping("/days/{date}")
	@Operation(summary = "The posts of one day in the account's time zone, oldest first unless order=newest")
	Mono<Day> day(@PathVariable String handle, @PathVariable String date, @ParameterObject PostFilters filters,
			@AuthenticationPrincipal Jwt session) {
		LocalDate day = PostFilters.date("date", date);
		PostFilters oldestFirst = (filters.order() != null) ? filters : withOrder(filters, "oldest");
		return this.access.readable(handle, Viewer.of(session))
			.flatMap((account) -> page(account, oldestFirst, account.startOf(day).toInstant(),
					account.startOf(day.plusDays(1)).toInstant()))
			.map((page) -> new Day(day, page));
	}

	@GetMapping("/months")
	@Operation(summary = "Every month with posts, newest first, with its count")
	Mono<List<MonthCount>> months(@PathVariable String handle, @AuthenticationPrincipal Jwt session) {
		return this.access.readable(handle, Viewer.of(session))
			.flatMap((account) -> this.posts.months(account.did(), account.timeZone()))
			.map((counts) -> counts.entrySet().stream()
				.map((entry) -> new MonthCount(entry.getKey(), entry.getValue()))
				.toList());
	}

	@GetMapping("/months/{month}")
	@Operation(summary = "One month: its count, its days with their counts, and the first page of its posts")
	Mono<Month> month(@PathVariable String handle, @PathVariable String month, @ParameterObject PostFilters filters,
			@AuthenticationPrincipal Jwt session) {
		YearMonth yearMonth = yearMonth(month);
		PostFilters oldestFirst = (filters.order() != null) ? filters : withOrder(filters, "oldest");
		return this.access.readable(handle, Viewer.of(session)).flatMap((account) -> {
			Instant from = account.startOf(yearMonth.atDay(1)).toInstant();
			Instant to = account.startOf(yearMonth.plusMonths(1).atDay(1)).toInstant();
			return this.posts.days(account.did(), account.timeZone(), from, to)
				.zipWith(page(account, oldestFirst, from, to), (days, page) -> new Month(yearMonth,
						days.values().stream().mapToLong(Long::longValue).sum(),
						days.entrySet().stream().map((day) -> new DayCount(day.getKey(), day.getValue())).toList(),
						page));
		});
	}

	@GetMapping("/on-this-day")
	@Operation(summary = "Posts of the same month and day in earlier years (date defaults to today there)")
	Mono<OnThisDay> onThisDay(@PathVariable String handle, @RequestParam(required = false) String date,
			@AuthenticationPrincipal Jwt session) {
		LocalDate requested = PostFilters.date("date", date);
		return this.access.readable(handle, Viewer.of(session)).flatMap((account) -> {
			LocalDate day = (requested != null) ? requested : account.today(this.clock);
			return this.posts.onThisDay(account.did(), account.timeZone(), day, 500)
				.collectList()
				.map((found) -> new OnThisDay(day, byYear(found, account)));
		});
	}

	@GetMapping("/hashtags")
	@Operation(summary = "The account's hashtags, most used first")
	Mono<List<HashtagCount>> hashtags(@PathVariable String handle,
			@RequestParam(required = false, defaultValue = "50") int limit, @AuthenticationPrincipal Jwt session) {
		int bounded = ranking(limit);
		return this.access.readable(handle, Viewer.of(session))
			.flatMap((account) -> this.posts.hashtags(account.did(), bounded)
				.map((ranked) -> new HashtagCount(ranked.name(), ranked.count()))
				.collectList());
	}

	@GetMapping("/replies")
	@Operation(summary = "Whom the account replies to most, with counts (replies to itself left out)")
	Mono<List<ReplyPartner>> replies(@PathVariable String handle,
			@RequestParam(required = false, defaultValue = "50") int limit, @AuthenticationPrincipal Jwt session) {
		int bounded = ranking(limit);
		return this.access.readable(handle, Viewer.of(session))
			.flatMap((account) -> this.posts.replyPartners(account.did(), bounded)
				.map((ranked) -> new ReplyPartner(ranked.name(), ranked.handle(), ranked.count()))
				.collectList());
	}

	@DeleteMapping("/posts/{rkey}")
	@Operation(summary = "Hide a post or repost from the archive (the owner only); later syncs keep it hidden")
	Mono<ResponseEntity<Void>> hide(@PathVariable String handle, @PathVariable String rkey,
			@AuthenticationPrincipal Jwt session) {
		// Record keys: 1–512 characters of A–Z, a–z, 0–9 and . - _ : ~ (AT Protocol record-key syntax).
		if (!rkey.matches("[A-Za-z0-9._:~-]{1,512}") || ".".equals(rkey) || "..".equals(rkey)) {
			throw ArchiveProblem.invalidParameter("rkey", "not a record key");
		}
		return this.access.ownedBy(handle, Viewer.of(session))
			.flatMap((account) -> this.posts.hide(account.did(), rkey))
			.map((hidden) -> {
				if (!hidden) {
					throw ArchiveProblem.postNotFound(rkey);
				}
				return ResponseEntity.noContent().<Void>build();
			});
	}

	private Mono<PostPage> page(ArchiveAccount account, PostFilters filters, Instant from, Instant to) {
		return mentionDid(account, filters.mention()).flatMap((mention) -> {
			PostQuery query = filters.toQuery(account, mention.isEmpty() ? null : mention);
			PostQuery bounded = (from != null) ? query.between(from, to) : query;
			return this.posts.find(account.did(), bounded).collectList()
				.map((found) -> PostPage.of(found, bounded.limit()));
		})
			// A handle the archive has never seen is mentioned by none of its posts.
			.defaultIfEmpty(new PostPage(List.of(), null));
	}

	/** "" when no mention filter was asked for; empty when the handle is unknown. */
	private Mono<String> mentionDid(ArchiveAccount account, String mention) {
		if (mention == null || mention.isBlank()) {
			return Mono.just("");
		}
		String name = mention.strip().startsWith("@") ? mention.strip().substring(1) : mention.strip();
		if (Dids.isDid(name)) {
			return Mono.just(name);
		}
		if (!Handles.isHandle(name)) {
			return Mono.error(ArchiveProblem.invalidParameter("mention", "a handle (alice.bsky.social) or a DID"));
		}
		return this.posts.didOfHandle(account.did(), name);
	}

	private static List<Year> byYear(List<ArchivedPost> found, ArchiveAccount account) {
		Map<Integer, List<ArchivedPost>> years = new TreeMap<>(java.util.Comparator.reverseOrder());
		for (ArchivedPost post : found) {
			int year = post.sortAt().atZone(account.timeZone()).getYear();
			years.computeIfAbsent(year, (y) -> new java.util.ArrayList<>()).add(post);
		}
		return years.entrySet().stream().map((entry) -> new Year(entry.getKey(), entry.getValue())).toList();
	}

	private static PostFilters withOrder(PostFilters filters, String order) {
		return new PostFilters(filters.q(), filters.from(), filters.to(), filters.hashtag(), filters.mention(),
				filters.has(), filters.kinds(), filters.lang(), order, filters.cursor(), filters.limit());
	}

	private static YearMonth yearMonth(String month) {
		try {
			return YearMonth.parse(month);
		}
		catch (DateTimeException ex) {
			throw ArchiveProblem.invalidParameter("month", "not a month (yyyy-mm)");
		}
	}

	private static int ranking(int limit) {
		if (limit < 1 || limit > MAX_RANKING) {
			throw ArchiveProblem.invalidParameter("limit", "between 1 and " + MAX_RANKING);
		}
		return limit;
	}

}
