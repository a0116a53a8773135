package dev.skylog.stats.statistics.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * What the statistics endpoints answer. Days are days in the account's time zone; a "posting day" is a day
 * with at least one post, reply or quote of the account's own (a repost alone is not writing).
 */
public final class Statistics {

	private Statistics() {
	}

	/** One day's activity; {@code characters} counts code points of the account's own posts. */
	public record Day(LocalDate date, long posts, long replies, long quotes, long reposts, long likes,
			long withMedia, long characters) {

		public static Day empty(LocalDate date) {
			return new Day(date, 0, 0, 0, 0, 0, 0, 0);
		}

		public long written() {
			return this.posts + this.replies + this.quotes;
		}

	}

	public record Totals(long posts, long replies, long quotes, long reposts, long likes, long withMedia,
			long characters) {
	}

	public record PeriodCount(String period, long posts, long replies, long quotes, long reposts) {
	}

	/**
	 * @param averageCharacters per post, reply or quote
	 * @param daysWithoutPosts days from the first posting day to today without one
	 * @param currentStreak consecutive posting days up to today (or yesterday, while today is young)
	 */
	public record Summary(String did, String handle, String timeZone, Totals totals, double averageCharacters,
			LocalDate firstPostDate, LocalDate lastPostDate, long postingDays, long daysWithoutPosts,
			long currentStreak, long longestStreak, List<PeriodCount> months, List<PeriodCount> years) {
	}

	public record CalendarDay(LocalDate date, long count) {
	}

	public record Calendar(int year, long max, List<CalendarDay> days) {
	}

	/** {@code counts[weekday - 1][hour]}, Monday first, hours of the account's time zone. */
	public record Heatmap(String timeZone, long[][] counts) {
	}

	public record TagCount(String tag, long count) {
	}

	/** Someone the account replies to or mentions; {@code handle} when a reply showed it. */
	public record Partner(String did, String handle, long replies, long mentions, long total) {
	}

}
