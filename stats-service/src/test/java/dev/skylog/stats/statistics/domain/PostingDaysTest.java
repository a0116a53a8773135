package dev.skylog.stats.statistics.domain;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostingDaysTest {

	private static final LocalDate TODAY = LocalDate.of(2025, 1, 10);

	@Test
	void noPostingDaysHaveNoStreaksOrGaps() {
		assertThat(PostingDays.of(List.of(), TODAY)).isEqualTo(new PostingDays(null, null, 0, 0, 0, 0));
	}

	@Test
	void postingOnlyTodayIsAStreakOfOne() {
		assertThat(PostingDays.of(List.of(TODAY), TODAY)).isEqualTo(new PostingDays(TODAY, TODAY, 1, 0, 1, 1));
	}

	@Test
	void aStreakEndingYesterdayIsStillCurrentWhileTodayIsYoung() {
		List<LocalDate> days = List.of(day(7), day(8), day(9));

		assertThat(PostingDays.of(days, TODAY)).isEqualTo(new PostingDays(day(7), day(9), 3, 1, 3, 3));
	}

	@Test
	void aStreakEndingTheDayBeforeYesterdayIsOver() {
		List<LocalDate> days = List.of(day(6), day(7), day(8));

		assertThat(PostingDays.of(days, TODAY)).isEqualTo(new PostingDays(day(6), day(8), 3, 2, 0, 3));
	}

	@Test
	void currentStreakIsTheLastRunAndLongestTheLongestAnywhere() {
		List<LocalDate> days = List.of(day(1), day(2), day(3), day(4), day(6), day(8), day(9), day(10));

		// Span 1..10 is ten days, of which 5 and 7 have no post.
		assertThat(PostingDays.of(days, TODAY)).isEqualTo(new PostingDays(day(1), day(10), 8, 2, 3, 4));
	}

	@Test
	void daysWithoutPostsCountUpToTodayNotOnlyToTheLastPost() {
		List<LocalDate> days = List.of(day(1), day(3));

		assertThat(PostingDays.of(days, TODAY)).isEqualTo(new PostingDays(day(1), day(3), 2, 8, 0, 1));
	}

	@Test
	void streaksRunAcrossMonthAndLeapDayBoundaries() {
		List<LocalDate> days = List.of(LocalDate.of(2024, 2, 28), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1));
		LocalDate today = LocalDate.of(2024, 3, 1);

		assertThat(PostingDays.of(days, today))
			.isEqualTo(new PostingDays(LocalDate.of(2024, 2, 28), today, 3, 0, 3, 3));
	}

	@Test
	void aGapOfOneDayBreaksTheRun() {
		List<LocalDate> days = List.of(day(1), day(3), day(5), day(7), day(9));

		assertThat(PostingDays.of(days, TODAY)).isEqualTo(new PostingDays(day(1), day(9), 5, 5, 1, 1));
	}

	private static LocalDate day(int dayOfMonth) {
		return LocalDate.of(2025, 1, dayOfMonth);
	}

}
