package dev.skylog.archive.post.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import dev.skylog.archive.post.domain.ArchivedPost;
import dev.skylog.archive.post.domain.PostPage;

/** The shapes the archive's post endpoints answer with. */
public final class PostViews {

	private PostViews() {
	}

	public record MonthCount(YearMonth month, long count) {
	}

	public record DayCount(LocalDate date, long count) {
	}

	public record Day(LocalDate date, PostPage page) {
	}

	public record Month(YearMonth month, long count, List<DayCount> days, PostPage page) {
	}

	public record Year(int year, List<ArchivedPost> posts) {
	}

	public record OnThisDay(LocalDate date, List<Year> years) {
	}

	public record HashtagCount(String tag, long count) {
	}

	public record ReplyPartner(String did, String handle, long count) {
	}

}
