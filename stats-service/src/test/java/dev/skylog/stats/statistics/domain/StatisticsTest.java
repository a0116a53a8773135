package dev.skylog.stats.statistics.domain;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatisticsTest {

	@Test
	void writtenCountsPostsRepliesAndQuotesButNotRepostsOrLikes() {
		Statistics.Day day = new Statistics.Day(LocalDate.of(2025, 1, 1), 2, 3, 5, 7, 11, 13, 17);

		assertThat(day.written()).isEqualTo(10);
	}

	@Test
	void aDayOfOnlyRepostsAndLikesHasNothingWritten() {
		Statistics.Day day = new Statistics.Day(LocalDate.of(2025, 1, 1), 0, 0, 0, 4, 9, 0, 0);

		assertThat(day.written()).isZero();
	}

	@Test
	void anEmptyDayHasTheDateAndNoActivity() {
		assertThat(Statistics.Day.empty(LocalDate.of(2025, 1, 1)))
			.isEqualTo(new Statistics.Day(LocalDate.of(2025, 1, 1), 0, 0, 0, 0, 0, 0, 0));
	}

}
