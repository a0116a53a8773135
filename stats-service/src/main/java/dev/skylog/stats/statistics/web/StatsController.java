package dev.skylog.stats.statistics.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.skylog.stats.account.domain.StatsAccess;
import dev.skylog.stats.account.domain.StatsAccount;
import dev.skylog.stats.statistics.domain.PostingDays;
import dev.skylog.stats.statistics.domain.Statistics.Calendar;
import dev.skylog.stats.statistics.domain.Statistics.CalendarDay;
import dev.skylog.stats.statistics.domain.Statistics.Day;
import dev.skylog.stats.statistics.domain.Statistics.Heatmap;
import dev.skylog.stats.statistics.domain.Statistics.Partner;
import dev.skylog.stats.statistics.domain.Statistics.Summary;
import dev.skylog.stats.statistics.domain.Statistics.TagCount;
import dev.skylog.stats.statistics.domain.Statistics.Totals;
import dev.skylog.stats.statistics.persistence.StatisticsQueries;
import dev.skylog.stats.web.StatsProblem;

/** An account's statistics, in its time zone; a private account's to its owner only. */
@RestController
@RequestMapping("/api/stats/{handle}")
@Tag(name = "Statistics", description = "How an account uses Bluesky, day by day")
public class StatsController {

	/** Ten years of days: the longest range one daily request answers. */
	static final long MAX_DAYS = 3660;

	private static final int MAX_RANKING = 100;

	private final StatsAccess access;

	private final StatisticsQueries queries;

	private final Clock clock;

	public StatsController(StatsAccess access, StatisticsQueries queries, Clock clock) {
		this.access = access;
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping("/summary")
	@Operation(summary = "Totals, averages, first post, streaks, days without posts, and counts per month and year")
	Mono<Summary> summary(@PathVariable String handle, @AuthenticationPrincipal Jwt session) {
		return this.access.readable(handle, session).flatMap((account) -> Mono.zip(this.queries.totals(account),
				this.queries.postingDays(account).collectList(), this.queries.periods(account, "YYYY-MM").collectList(),
				this.queries.periods(account, "YYYY").collectList())
			.map((parts) -> {
				Map<String, Long> t = parts.getT1();
				Totals totals = new Totals(t.get("posts"), t.get("replies"), t.get("quotes"), t.get("reposts"),
						t.get("likes"), t.get("media"), t.get("chars"));
				long written = totals.posts() + totals.replies() + totals.quotes();
				PostingDays days = PostingDays.of(parts.getT2(), today(account));
				return new Summary(account.did(), account.handle(), account.timeZone().getId(), totals,
						(written == 0) ? 0 : Math.round(10.0 * totals.characters() / written) / 10.0, days.first(),
						days.last(), days.count(), days.daysWithout(), days.currentStreak(), days.longestStreak(),
						parts.getT3(), parts.getT4());
			}));
	}

	@GetMapping("/daily")
	@Operation(summary = "Every day from..to (inclusive; default the last 30 days), zeros included")
	Mono<List<Day>> daily(@PathVariable String handle, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @AuthenticationPrincipal Jwt session) {
		LocalDate fromDate = date("from", from);
		LocalDate toDate = date("to", to);
		return this.access.readable(handle, session).flatMap((account) -> {
			LocalDate last = (toDate != null) ? toDate : today(account);
			LocalDate first = (fromDate != null) ? fromDate : last.minusDays(29);
			if (last.isBefore(first)) {
				throw StatsProblem.invalidParameter("to", "before from");
			}
			if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
				throw StatsProblem.invalidParameter("from", "at most " + MAX_DAYS + " days per request");
			}
			return this.queries.days(account, first.atStartOfDay(account.timeZone()).toInstant(),
					last.plusDays(1).atStartOfDay(account.timeZone()).toInstant())
				.map((active) -> {
					List<Day> days = new ArrayList<>();
					for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
						days.add(active.getOrDefault(day, Day.empty(day)));
					}
					return days;
				});
		});
	}

	@GetMapping("/calendar")
	@Operation(summary = "A value per day of a year (posts, replies, quotes and reposts), for a heatmap calendar")
	Mono<Calendar> calendar(@PathVariable String handle, @RequestParam(required = false) Integer year,
			@AuthenticationPrincipal Jwt session) {
		if (year != null && (year < 2000 || year > 2999)) {
			throw StatsProblem.invalidParameter("year", "between 2000 and 2999");
		}
		return this.access.readable(handle, session).flatMap((account) -> {
			int y = (year != null) ? year : today(account).getYear();
			LocalDate first = LocalDate.of(y, 1, 1);
			LocalDate next = first.plusYears(1);
			return this.queries.days(account, first.atStartOfDay(account.timeZone()).toInstant(),
					next.atStartOfDay(account.timeZone()).toInstant())
				.map((active) -> {
					List<CalendarDay> days = new ArrayList<>();
					long max = 0;
					for (LocalDate day = first; day.isBefore(next); day = day.plusDays(1)) {
						Day stats = active.getOrDefault(day, Day.empty(day));
						long count = stats.written() + stats.reposts();
						max = Math.max(max, count);
						days.add(new CalendarDay(day, count));
					}
					return new Calendar(y, max, days);
				});
		});
	}

	@GetMapping("/heatmap")
	@Operation(summary = "Posts, replies and quotes by weekday (Monday first) and hour of the account's time zone")
	Mono<Heatmap> heatmap(@PathVariable String handle, @AuthenticationPrincipal Jwt session) {
		return this.access.readable(handle, session)
			.flatMap((account) -> this.queries.heatmap(account)
				.map((counts) -> new Heatmap(account.timeZone().getId(), counts)));
	}

	@GetMapping("/hashtags")
	@Operation(summary = "Hashtags, most used first")
	Mono<List<TagCount>> hashtags(@PathVariable String handle,
			@RequestParam(required = false, defaultValue = "50") int limit, @AuthenticationPrincipal Jwt session) {
		int bounded = ranking(limit);
		return this.access.readable(handle, session)
			.flatMap((account) -> this.queries.hashtags(account, bounded).collectList());
	}

	@GetMapping("/partners")
	@Operation(summary = "Whom the account replies to and mentions most")
	Mono<List<Partner>> partners(@PathVariable String handle,
			@RequestParam(required = false, defaultValue = "50") int limit, @AuthenticationPrincipal Jwt session) {
		int bounded = ranking(limit);
		return this.access.readable(handle, session).flatMap((account) -> this.queries.partners(account, bounded));
	}

	private LocalDate today(StatsAccount account) {
		return LocalDate.now(this.clock.withZone(account.timeZone()));
	}

	private static LocalDate date(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			throw StatsProblem.invalidParameter(name, "not a date (yyyy-mm-dd)");
		}
	}

	private static int ranking(int limit) {
		if (limit < 1 || limit > MAX_RANKING) {
			throw StatsProblem.invalidParameter("limit", "between 1 and " + MAX_RANKING);
		}
		return limit;
	}

}
