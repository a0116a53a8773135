package dev.skylog.archive.post.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.skylog.events.EventJson;
import dev.skylog.archive.account.domain.ArchiveAccess;
import dev.skylog.archive.account.domain.ArchiveAccount;
import dev.skylog.archive.account.domain.Viewer;
import dev.skylog.archive.post.domain.ArchivedPost;
import dev.skylog.archive.post.persistence.PostFinder;
import dev.skylog.archive.web.ArchiveProblem;
import dev.skylog.events.post.Media;

/**
 * The owner's whole archive (or a range of days) as CSV or JSON, streamed row by row as PostgreSQL sends them,
 * so a 100,000-post archive never sits in memory.
 */
@RestController
@Tag(name = "Archive export", description = "Download the archive (owner only)")
public class ExportController {

	private static final DataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

	private static final String CSV_HEADER = "uri,kind,created_at,sort_at,author_handle,text,langs,reply_to,"
			+ "quoted_uri,media,links,likes,reposts,replies,quotes\r\n";

	private final ArchiveAccess access;

	private final PostFinder posts;

	public ExportController(ArchiveAccess access, PostFinder posts) {
		this.access = access;
		this.posts = posts;
	}

	@GetMapping("/api/archive/{handle}/export")
	@Operation(summary = "The archive as CSV or JSON (format=csv|json), whole or from/to days, oldest first")
	Mono<ResponseEntity<Flux<DataBuffer>>> export(@PathVariable String handle,
			@RequestParam(defaultValue = "csv") String format, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @AuthenticationPrincipal Jwt session) {
		boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
			case "csv" -> true;
			case "json" -> false;
			default -> throw ArchiveProblem.invalidParameter("format", "csv or json");
		};
		LocalDate fromDate = PostFilters.date("from", from);
		LocalDate toDate = PostFilters.date("to", to);
		return this.access.ownedBy(handle, Viewer.of(session)).map((account) -> {
			Instant start = (fromDate != null) ? account.startOf(fromDate).toInstant() : null;
			Instant end = (toDate != null) ? account.startOf(toDate.plusDays(1)).toInstant() : null;
			Flux<ArchivedPost> rows = this.posts.stream(account.did(), start, end);
			Flux<String> body = csv ? Flux.just(CSV_HEADER).concatWith(rows.map(ExportController::csvRow))
					: json(rows);
			return ResponseEntity.ok()
				.contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(fileName(account, csv)).build().toString())
				.body(body.buffer(200).map(ExportController::buffer));
		});
	}

	private static Flux<String> json(Flux<ArchivedPost> rows) {
		Flux<String> items = rows.index()
			.map((indexed) -> ((indexed.getT1() == 0) ? "\n" : ",\n")
					+ EventJson.mapper().writeValueAsString(indexed.getT2()));
		return Flux.just("[").concatWith(items).concatWith(Flux.just("\n]\n"));
	}

	private static String csvRow(ArchivedPost post) {
		var content = post.post();
		String links = content.facets().stream()
			.filter((facet) -> facet.kind() == dev.skylog.events.post.Facet.Kind.LINK)
			.map(dev.skylog.events.post.Facet::value)
			.collect(Collectors.joining(" "));
		String media = content.media().stream().map(Media::fullsizeUrl).filter(java.util.Objects::nonNull)
			.collect(Collectors.joining(" "));
		return String.join(",", cell(post.uri()), cell(post.kind().name().toLowerCase(Locale.ROOT)),
				cell(post.createdAt().toString()), cell(post.sortAt().toString()), cell(content.authorHandle()),
				cell(content.text()), cell(String.join(" ", content.langs())),
				cell((content.reply() != null) ? content.reply().parentUri() : null), cell(content.quotedUri()),
				cell(media), cell(links), Long.toString(content.engagement().likes()),
				Long.toString(content.engagement().reposts()), Long.toString(content.engagement().replies()),
				Long.toString(content.engagement().quotes())) + "\r\n";
	}

	/**
	 * RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an
	 * apostrophe, since a post's text is written by anyone the owner replied to or reposted.
	 */
	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	private static String fileName(ArchiveAccount account, boolean csv) {
		String name = (account.handle() != null) ? account.handle() : account.did().replace(':', '_');
		return "skylog-" + name + (csv ? ".csv" : ".json");
	}

	private static DataBuffer buffer(java.util.List<String> chunks) {
		return BUFFERS.wrap(String.join("", chunks).getBytes(StandardCharsets.UTF_8));
	}

}
