package dev.skylog.gateway.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import reactor.core.publisher.Mono;

import dev.skylog.gateway.robots.CrawlerExclusions;

/**
 * The web UI's pages. They are one small static front end ({@code static/assets}); every page path answers with
 * its shell, in the language {@code Accept-Language} prefers (Japanese or English), and marked {@code noindex}
 * where the account's archive must not be indexed — in the page and in {@code X-Robots-Tag}, so crawlers that
 * run no script see it too.
 */
@Controller
public class WebUiController {

	// Bluesky handles are DNS names (so they hold a dot); a DID works too. Nothing else looks like this, so
	// /robots.txt, /api/… and /assets/… never land here.
	private static final String HANDLE = "{handle:(?:[A-Za-z0-9-]+\\.)+[A-Za-z0-9-]+|did:[a-z]+:[A-Za-z0-9._:%-]+}";

	private static final List<String> LANGUAGES = List.of("en", "ja");

	private final String shell;

	private final CrawlerExclusions exclusions;

	public WebUiController(CrawlerExclusions exclusions) {
		this.exclusions = exclusions;
		try (InputStream in = new ClassPathResource("static/index.html").getInputStream()) {
			this.shell = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("static/index.html is missing from the gateway", ex);
		}
	}

	@GetMapping(value = { "/", "/settings" }, produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	ResponseEntity<String> page(ServerHttpRequest request) {
		return html(request, false);
	}

	@GetMapping(value = { "/" + HANDLE, "/" + HANDLE + "/stats", "/" + HANDLE + "/day/{date:\\d{4}-\\d{2}-\\d{2}}" },
			produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	Mono<ResponseEntity<String>> archivePage(@PathVariable String handle, ServerHttpRequest request) {
		return this.exclusions.excludes(handle.toLowerCase(Locale.ROOT)).map((excluded) -> html(request, excluded));
	}

	// Likes are the owner's alone: never indexed.
	@GetMapping(value = "/" + HANDLE + "/likes", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	ResponseEntity<String> likesPage(@PathVariable String handle, ServerHttpRequest request) {
		return html(request, true);
	}

	private ResponseEntity<String> html(ServerHttpRequest request, boolean noIndex) {
		String page = this.shell.replace("<html lang=\"en\">", "<html lang=\"" + language(request) + "\">");
		if (noIndex) {
			page = page.replace("<!--robots-->", "<meta name=\"robots\" content=\"noindex\">");
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
		if (noIndex) {
			response.header("X-Robots-Tag", "noindex");
		}
		return response.body(page);
	}

	// "ja-JP" means Japanese too: the primary subtag decides, in the client's order of preference.
	static String language(ServerHttpRequest request) {
		return request.getHeaders()
			.getAcceptLanguage()
			.stream()
			.sorted(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed())
			.map((range) -> range.getRange().split("-", 2)[0])
			.filter(LANGUAGES::contains)
			.findFirst()
			.orElse("en");
	}

}
