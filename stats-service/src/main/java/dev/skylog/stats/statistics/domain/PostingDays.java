package dev.skylog.stats.statistics.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Streaks and gaps from the days an account posted on (sorted, distinct). Today does not break the current
 * streak until it is over: a streak ending yesterday is still current.
 */
public record PostingDays(LocalDate first, LocalDate last, long count, long daysWithout, long currentStreak,
		long longestStreak) {

	public static PostingDays of(List<LocalDate> days, LocalDate today) {
		if (days.isEmpty()) {
			return new PostingDays(null, null, 0, 0, 0, 0);
		}
		long longest = 1;
		long run = 1;
		for (int i = 1; i < days.size(); i++) {
			run = days.get(i - 1).plusDays(1).equals(days.get(i)) ? run + 1 : 1;
			longest = Math.max(longest, run);
		}
		LocalDate last = days.get(days.size() - 1);
		long current = (last.equals(today) || last.equals(today.minusDays(1))) ? run : 0;
		LocalDate first = days.get(0);
		LocalDate end = today.isBefore(last) ? last : today;
		long span = ChronoUnit.DAYS.between(first, end) + 1;
		return new PostingDays(first, last, days.size(), span - days.size(), current, longest);
	}

}
